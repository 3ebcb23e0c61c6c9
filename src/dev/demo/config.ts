import { defaultConfig } from '../../config/defaults';
import type { AuditConfig } from '../../config/types';

/**
 * The demo site's configuration, as its Jira admin would set it: default role mapping (project roles named
 * "Product Manager" and "Product Owner") and the small Growth team declared combined-role (R1).
 */
export function demoConfig(): AuditConfig {
  return { ...defaultConfig(), combinedRoleProjects: ['GRO'] };
}

/**
 * Where the local preview opens its views on the demo site: the projects with the most planted cases to show, and
 * the issue whose decision log has a PM's and a PO's contested decisions (PAY-192).
 */
export const DEMO_PREVIEW_FOCUS = {
  boardProject: 'PAY',
  roadmapProject: 'PORT',
  settingsProject: 'PLAT',
  issue: 'PAY-192',
} as const;
