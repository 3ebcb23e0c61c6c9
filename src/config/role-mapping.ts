import type { AuditConfig } from './types';

/** The groups the role mapping names: read with the site data so that group-based roles work from the cache. */
export function roleMappingGroups(config: AuditConfig): string[] {
  return [...new Set([...config.roleMapping.groups.pm, ...config.roleMapping.groups.po])].sort();
}
