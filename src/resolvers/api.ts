/**
 * The resolver API shared by the Forge functions and the Custom UI: every resolver's name, payload and result.
 * The UI imports these types only (no runtime code), so the bundle stays free of server code.
 */
import type { Coverage, PersonProfile, ProjectSummary, RoadmapItemSummary, SprintSummary } from '../audit/report';
import type { PanelKind } from '../audit/panel-scope';
import type { AuditWindow } from '../audit/window';
import type { ConfigurationDocument, ConfigVersions, ImportOutcome, VersionChange } from '../config/transfer';
import type { AuditConfig, EffectiveSettings, ProductRole, ProjectSettings, SeveritySetting } from '../config/types';
import type { CriteriaId } from '../criteria';
import type { Finding, Severity } from '../domain/finding';
import type { RuleCategory } from '../rules/types';
import type { ScanProgress } from '../scan/summary';
import type { DecisionWeek, Decider, KindCounts } from '../audit/weekly';
import type { ModuleContext } from './context';
import type { ResolverResponse } from './response';

export type { ModuleContext, PanelKind, ResolverResponse };
export type {
  Coverage,
  PersonProfile,
  ProjectSummary,
  RoadmapItemSummary,
  SprintSummary,
  Finding,
  Severity,
  ScanProgress,
  DecisionWeek,
  Decider,
  KindCounts,
};
export type { ConfigurationDocument, ConfigVersions, ImportOutcome, VersionChange };

/** Where a view's data came from and when, so a panel can say how fresh it is. */
export interface Provenance {
  generatedAt: string;
  /** The Jira site, for links: `${siteUrl}/browse/KEY`. */
  siteUrl: string;
  coverage: Coverage;
  /** Which actions the behaviour flags and role inference looked at. */
  window: AuditWindow;
  freshness: Freshness;
}

/** How fresh the background audit's stored report a view shows is. */
export interface Freshness {
  /** When what the view shows was read from Jira: the least recently scanned project's scan. */
  scannedAt: string;
  /** Projects the viewer can browse that have no stored report yet: the view leaves them out for now. */
  pending: string[];
  /** The report is older than the last scan or the configuration (or this viewer's own audit is not made yet): the view shows the latest report until the background audit catches up. */
  auditPending?: boolean;
  /**
   * Projects in view shown from the first stage of their first scan only: their active sprints' issues and the items
   * above them, read first while the rest is read (`issuesRead` so far, the stage's included). Flags that need a
   * whole project are not checked there yet; the whole report replaces this one once the scan is done.
   */
  partial?: PartialProject[];
}

export interface PartialProject {
  projectKey: string;
  /** Issues the first stage read: the active sprints' issues and their parents. */
  stageIssues: number;
  /** Issues of the project read so far. */
  issuesRead: number;
  /** About how many issues the whole scan reads (Jira's estimate), when Jira gave one. */
  issuesToRead?: number;
}

/**
 * What a view answers before the background audit has stored a report for it (a fresh install, or a project not
 * scanned yet): the first scan's progress. The project in view has been asked to be scanned first.
 */
export interface FirstScanView {
  firstScan: ScanProgress;
}

export interface BoardPanel extends Provenance {
  /** The action the panel was opened from: a sprint, the backlog or the board; what it shows follows. */
  kind: PanelKind;
  board: { id: number; name: string; type: string; projectKey?: string };
  /** The sprint the panel is about: the one opened from, else the board's active sprint (none on a backlog panel). */
  sprint?: SprintSummary & { productOwners: PersonRef[] };
  /** The sprints in view: the one opened, the board's active ones, or (backlog) its future ones. */
  sprints: SprintSummary[];
  /** Who decided what on the sprints' work during them, most decisions first: a closed sprint's retrospective. */
  deciders: Array<PersonRef & { strategic: number; tactical: number }>;
  /** Board panel: the keys of the roadmap items the active sprints' work hangs under, in any project. */
  roadmapKeys: string[];
  /** Board panel: those of the board's project, summarised. */
  roadmapItems: RoadmapItemSummary[];
  /** Findings about what the panel is opened on (see src/audit/panel-scope.ts), most severe and most recent first. */
  findings: Finding[];
  /** Those findings by severity. */
  severityCounts: Record<Severity, number>;
  /** People who acted on the board's work in the audit window, with their role profile. */
  people: PersonProfile[];
  /** The board's project's last weeks of decisions, oldest first (see `trendOf`). */
  trend: DecisionWeek[];
}

export interface PersonRef {
  accountId: string;
  displayName: string;
}

export interface RoadmapView extends Provenance {
  /** A project page shows one project; the global page every project the viewer can browse. */
  scope: { projectKey?: string };
  projects: ProjectSummary[];
  items: RoadmapItemSummary[];
  /** Sprint windows, for the timeline of roadmap spans against sprints. */
  sprints: SprintSummary[];
  people: PersonProfile[];
  /** The first `findingPage.pageSize` findings (all of them when `findingPage.total` is no more); getFindings pages the rest. */
  findings: Finding[];
  findingPage: { total: number; pageSize: number };
  /** Counts over every finding in view, the ones not sent yet included. */
  flagCounts: FlagCounts;
  rules: RuleInfo[];
  /** Everyone the view names by account id (role holders, owners), so names show for people who did not act. */
  directory: PersonRef[];
  /** The project in scope's last weeks of decisions, oldest first (empty on the cross-project page; see `trendOf`). */
  trend: DecisionWeek[];
}

/** Which findings a view lists, as the page's filters say; every field optional. */
export interface FindingQuery {
  projectKey?: string;
  rule?: string;
  severity?: Severity;
  ownerId?: string;
  issueKey?: string;
}

/**
 * How many flags a roadmap view holds (after the viewer's visibility and acceptances), by what its filters choose:
 * each count is how many flags that choice lists (src/resolvers/findings-query.ts). Sent with the view, so pages of
 * findings read later need none.
 */
export interface FlagCounts {
  total: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  /** A flag drawing on several projects counts in each. */
  byProject: Record<string, number>;
  /** By the owner's account id (NO_OWNER: items nobody owns); a flag about a person counts on that person only. */
  byOwner: Record<string, number>;
}

export interface FindingPage {
  findings: Finding[];
  /** Findings matching the query in all. */
  total: number;
  offset: number;
}

/** What `refreshProject` did, and the view it was asked from, audited again. */
export interface RefreshResult {
  projectKey: string;
  /** One incremental refresh step as the app: `done` false means the background scan finishes the rest. */
  refresh: { done: boolean; busy: boolean; issuesWritten: number; requests: number };
  view:
    { kind: 'board'; panel: BoardPanel | FirstScanView } | { kind: 'roadmap'; roadmap: RoadmapView | FirstScanView };
}

/** One decision on an issue: who made it and when, which side of the line it falls on and why, and what flags it. */
export interface IssueDecision {
  actionId: string;
  at: string;
  kind: 'create' | 'change' | 'comment';
  /** Null when Jira recorded no author (an anonymous or removed account). */
  person: { accountId: string; displayName: string; roles: ProductRole[]; inferred: boolean } | null;
  /** What was done: the fields changed with their new values, or the start of the comment. */
  what: string;
  side: 'strategic' | 'tactical';
  confidence: number;
  criteria: CriteriaId[];
  /** The classifier's reason, in a line. */
  reason: string;
  /** The flags whose evidence is this decision. */
  findingIds: string[];
  /** A flag of an overlap rule names it: a role decided what the other role owns, or both decided the same thing. */
  contested: boolean;
}

/** The issue view's panel: the decisions made on one issue, newest first, and the flags that name it. */
export interface IssueDecisionLog {
  siteUrl: string;
  issue: { key: string; summary: string; type: string; projectKey: string };
  decisions: IssueDecision[];
  /** Actions on the issue that decided nothing (ordinary delivery work, bookkeeping, comments that only discuss). */
  undecided: number;
  /** Flags naming the issue, from the audit of its project, most severe first. */
  findings: Finding[];
  /** Those flags by severity. */
  severityCounts: Record<Severity, number>;
  /** False until the background scan has read the issue's project: roles and flags are not known yet. */
  audited: boolean;
  freshness?: Freshness;
  /** What could not be read of the issue (e.g. comments beyond the first page). */
  unread: string[];
}

export interface RuleInfo {
  id: string;
  /** The rule's name in plain words. */
  title: string;
  category: RuleCategory;
  description: string;
  defaultSeverity: Severity;
  criteria: string[];
  optionsSchema: object;
  defaultOptions: object;
}

export interface SettingsView {
  /** `site`: the admin page; `project`: one project's settings page. */
  scope: 'site' | 'project';
  projectKey?: string;
  /** The site configuration (read-only context on a project page). */
  site: AuditConfig;
  /** The project's own overrides (project scope only). */
  project?: ProjectSettings;
  /** What is in force for the project (project scope only). */
  effective?: EffectiveSettings;
  /** Optimistic concurrency: send it back with a save; a stale one is refused with CONFLICT. */
  version: number;
  /** Whether the viewer may save here (site admin, or admin of the project); checked again on every save. */
  canEdit: boolean;
  rules: RuleInfo[];
  /** Project role names found on the site, to pick from in the role mapping. */
  projectRoleNames: string[];
  groupNames: string[];
}

/** One person proposed for a role in a project, with the decisions the proposal rests on. */
export interface ProposedHolder {
  accountId: string;
  displayName: string;
  /** Decisions of the role's kind in the project (roadmap for a PM, backlog for a PO). */
  decisions: number;
  /** All the person's decisions there. */
  allDecisions: number;
}

/** The role mapping owner/role-mapping-missing proposes: per project with nobody mapped, who dominates its decisions. */
export interface RoleProposalView {
  projects: Array<{ projectKey: string; pm: ProposedHolder[]; po: ProposedHolder[] }>;
}

/** Validation failures come back as INVALID_INPUT with these details, one per field. */
export interface FieldIssue {
  path: string;
  message: string;
}

export type SeverityChoice = SeveritySetting;

/** An import refused with CONFLICT carries these details: what moved since the export, or that it had no versions. */
export interface ImportConflict {
  /** Parts whose stored version is not the exported one; empty when the document carried no versions at all. */
  changes: VersionChange[];
  /** The document had no versions (a configuration file or hand-written): only a replacement can import it. */
  unversioned: boolean;
}

export interface ResolverApi {
  getContext: { payload: Record<string, never>; result: ModuleContext };
  getBoardPanel: { payload: { boardId?: number; sprintId?: number }; result: BoardPanel | FirstScanView };
  getRoadmap: { payload: { projectKey?: string }; result: RoadmapView | FirstScanView };
  /** One page of the roadmap view's findings (scope as getRoadmap's), filtered and counted on the server. */
  getFindings: {
    payload: { scope: { projectKey?: string }; query: FindingQuery; offset: number; limit: number };
    result: FindingPage;
  };
  getSettings: { payload: { projectKey?: string }; result: SettingsView };
  /** Site scope takes a whole AuditConfig; project scope takes ProjectSettings for that project. */
  saveSettings: { payload: { projectKey?: string; settings: unknown; version: number }; result: SettingsView };
  /**
   * Jira admins only: the proposed role mapping, from the latest audit. The admin page confirms it by saving the site
   * settings with the proposed accounts added to roleMapping.accounts (saveSettings, checked again there).
   */
  getRoleProposal: { payload: Record<string, never>; result: RoleProposalView };
  /** Jira admins only: the whole configuration (site, every project, the versions read) as one format-2 document. */
  exportSettings: { payload: Record<string, never>; result: ConfigurationDocument };
  /**
   * Jira admins only: replaces the whole configuration with the JSON text of a document of any known format. All is
   * validated first (INVALID_INPUT, FieldIssue details); then, unless `overwrite`, the exported versions must still
   * be current (CONFLICT, ImportConflict details). Nothing is written unless everything is.
   */
  importSettings: { payload: { json: string; overwrite?: boolean }; result: ImportOutcome };
  /** The decision log of an issue (the issue from the payload, else the one the issue view was opened on). */
  getIssueDecisions: { payload: { issueKey?: string }; result: IssueDecisionLog };
  /**
   * The findings accepted or snoozed now among those the viewer may see (of the project, or every project they may
   * browse), and whether they may accept, snooze and restore there (site admins, and the project's admins).
   */
  getAcceptedFindings: { payload: { projectKey?: string }; result: AcceptedFindings };
  /** Site admins and admins of every project the finding names: accepts it with a reason, or snoozes it `until` a day. */
  acceptFinding: { payload: { findingId: string; reason: string; until?: string }; result: { findingId: string } };
  /** The same admins: the finding shows again. */
  restoreFinding: { payload: { findingId: string }; result: { findingId: string } };
  /** Refreshes the viewer's project (of the board, or the one given) from Jira now and returns the view again. */
  refreshProject: { payload: { projectKey?: string; boardId?: number; sprintId?: number }; result: RefreshResult };
}

export type ResolverName = keyof ResolverApi;

/** A finding hidden now: accepted for good, or snoozed until a day. */
export interface AcceptedFinding {
  finding: Finding;
  reason: string;
  acceptedBy?: string;
  acceptedByName?: string;
  acceptedAt?: string;
  until?: string;
}

export interface AcceptedFindings {
  canAct: boolean;
  accepted: AcceptedFinding[];
}
