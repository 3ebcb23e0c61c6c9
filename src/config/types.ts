import type { Thresholds } from '../criteria';
import type { Severity } from '../domain/finding';

export type ProductRole = 'pm' | 'po';

export interface RoleLists {
  pm: string[];
  po: string[];
}

/** Who is a PM or a PO: by Jira project role name, by group name, or by account id. */
export interface RoleMapping {
  projectRoles: RoleLists;
  groups: RoleLists;
  accounts: RoleLists;
  /**
   * Site-wide only: one person's other accounts, each to the account that stands for the person
   * (`{ "<accountId>": "<canonical accountId>" }`); their roles and decisions count as one.
   */
  aliases?: Record<string, string>;
}

/** The C5 horizons and the span limits the rules apply (defaults in src/criteria). */
export type ThresholdSettings = Thresholds;

export type SeveritySetting = Severity | 'off';

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

/**
 * A finding someone accepted, with why; it stops showing until the finding's id changes, or, snoozed (`until`, a
 * day as YYYY-MM-DD), until that day.
 */
export interface Suppression {
  findingId: string;
  reason: string;
  acceptedBy?: string;
  acceptedAt?: string;
  until?: string;
}

/** What a project may change for itself; anything left out comes from the site configuration. */
export interface ProjectSettings {
  roleMapping?: Partial<Omit<RoleMapping, 'aliases'>>;
  combinedRole?: boolean;
  ownerField?: string;
  thresholds?: Partial<ThresholdSettings>;
  rules?: Record<string, RuleSetting>;
  auditWindowDays?: number;
}

export interface AuditConfig {
  version: 1;
  roleMapping: RoleMapping;
  /** Projects whose team is declared combined-role (R1): one person may do both jobs there. */
  combinedRoleProjects: string[];
  /** The field that names a roadmap item's owner: `assignee`, `reporter` or a user-picker custom field id. */
  ownerField: string;
  thresholds: ThresholdSettings;
  rules: Record<string, RuleSetting>;
  /** How many days back from the audit's now the behaviour rules and role inference look at actions. */
  auditWindowDays: number;
  suppressions: Suppression[];
  projects: Record<string, ProjectSettings>;
}

/** The settings in force for one project: the site's, with the project's own overrides applied. */
export interface EffectiveSettings {
  roleMapping: RoleMapping;
  combinedRole: boolean;
  ownerField: string;
  thresholds: ThresholdSettings;
  rules: Record<string, RuleSetting>;
  auditWindowDays: number;
}
