import type { RestChangeItem, RestHistory, RestIssue, RestSprint, SiteSnapshot } from '../../src/jira/snapshot';

/**
 * Reads a demo snapshot the way a careful client would — custom fields by schema, roles by actor — so that the
 * tests check the generated data itself rather than the generator's internals.
 */
export interface SiteIndex {
  site: SiteSnapshot;
  issueByKey: Map<string, RestIssue>;
  issueById: Map<string, RestIssue>;
  sprintById: Map<number, RestSprint & { boardId: number }>;
  userIds: Set<string>;
  field: FieldIds;
  /** Accounts in a "Product Manager" / "Product Owner" role on each project, groups expanded. */
  pmsByProject: Map<string, Set<string>>;
  posByProject: Map<string, Set<string>>;
  allPms: Set<string>;
  allPos: Set<string>;
  now: number;
}

export interface FieldIds {
  sprint: string;
  storyPoints: string;
  rank: string;
  startDate: string;
  targetStart: string;
  targetEnd: string;
  team: string;
  parentLink: string;
  flagged: string;
}

export function indexSite(site: SiteSnapshot): SiteIndex {
  const bySchema = (custom: string, name?: string): string => {
    const matches = site.fields.filter(
      (field) => field.schema?.custom === custom && (name === undefined || field.name === name),
    );
    if (matches.length !== 1)
      throw new Error(
        `expected one field with schema ${custom}${name ? ` named ${name}` : ''}, found ${matches.length}`,
      );
    return matches[0]!.id;
  };
  const field: FieldIds = {
    sprint: bySchema('com.pyxis.greenhopper.jira:gh-sprint'),
    storyPoints: bySchema('com.pyxis.greenhopper.jira:jsw-story-points'),
    rank: bySchema('com.pyxis.greenhopper.jira:gh-lexo-rank', 'Rank'),
    startDate: bySchema('com.atlassian.jira.plugin.system.customfieldtypes:datepicker', 'Start date'),
    targetStart: bySchema('com.atlassian.jpo:jpo-custom-field-baseline-start'),
    targetEnd: bySchema('com.atlassian.jpo:jpo-custom-field-baseline-end'),
    team: bySchema('com.atlassian.teams:rm-teams-custom-field-team'),
    parentLink: bySchema('com.atlassian.jpo:jpo-custom-field-parent'),
    flagged: bySchema('com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes', 'Flagged'),
  };
  const sprintById = new Map<number, RestSprint & { boardId: number }>();
  for (const [boardId, sprints] of Object.entries(site.sprints)) {
    for (const sprint of sprints) sprintById.set(sprint.id, { ...sprint, boardId: Number(boardId) });
  }
  const members = new Map(site.groups.map((group) => [group.name, group.members]));
  const roleHolders = (roleName: string): Map<string, Set<string>> =>
    new Map(
      Object.entries(site.projectRoles).map(([key, roles]) => {
        const holders = new Set<string>();
        for (const actor of roles.find((role) => role.name === roleName)?.actors ?? []) {
          if (actor.actorUser) holders.add(actor.actorUser.accountId);
          for (const member of members.get(actor.actorGroup?.name ?? '') ?? []) holders.add(member);
        }
        return [key, holders];
      }),
    );
  const pmsByProject = roleHolders('Product Manager');
  const posByProject = roleHolders('Product Owner');
  const union = (byProject: Map<string, Set<string>>): Set<string> =>
    new Set([...byProject.values()].flatMap((set) => [...set]));
  return {
    site,
    issueByKey: new Map(site.issues.map((issue) => [issue.key, issue])),
    issueById: new Map(site.issues.map((issue) => [issue.id, issue])),
    sprintById,
    userIds: new Set(site.users.map((user) => user.accountId)),
    field,
    pmsByProject,
    posByProject,
    allPms: union(pmsByProject),
    allPos: union(posByProject),
    now: Date.parse(site.capturedAt!),
  };
}

export function histories(issue: RestIssue): RestHistory[] {
  return [...(issue.changelog?.histories ?? [])].sort(
    (a, b) => time(a.created) - time(b.created) || Number(a.id) - Number(b.id),
  );
}

/** Jira instants: `2026-06-10T14:03:11.482+0100` or with `Z`. */
export const JIRA_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}([+-]\d{4}|Z)$/;
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function time(value: string | number): number {
  if (typeof value === 'number') return value;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) throw new Error(`not a Jira instant: ${value}`);
  return ms;
}

export function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export const DAY_MS = 86_400_000;

export function level(issue: RestIssue): number {
  return (issue.fields.issuetype as { hierarchyLevel: number }).hierarchyLevel;
}

export function parentKey(issue: RestIssue): string | undefined {
  return (issue.fields.parent as { key?: string } | undefined)?.key;
}

export function sprintIds(issue: RestIssue, index: SiteIndex): number[] {
  const value = issue.fields[index.field.sprint] as Array<{ id: number }> | null;
  return (value ?? []).map((sprint) => sprint.id);
}

export function assigneeId(issue: RestIssue): string | undefined {
  return (issue.fields.assignee as { accountId?: string } | null)?.accountId;
}

/** The planned span of a roadmap item: (Start date | Target start) → (due date | Target end). */
export function plannedSpan(issue: RestIssue, index: SiteIndex): { start?: string; end?: string } {
  const start =
    (issue.fields[index.field.startDate] as string | null) ??
    (issue.fields[index.field.targetStart] as string | null) ??
    undefined;
  const end =
    (issue.fields.duedate as string | null) ?? (issue.fields[index.field.targetEnd] as string | null) ?? undefined;
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** The changelog items of one issue with their history, oldest first. */
export function changeItems(issue: RestIssue): Array<{ history: RestHistory; item: RestChangeItem }> {
  return histories(issue).flatMap((history) => history.items.map((item) => ({ history, item })));
}

/** Whether the issue reaches a roadmap item (hierarchy level ≥ 1) through its parents. */
export function reachesRoadmap(issue: RestIssue, index: SiteIndex): boolean {
  let current: RestIssue | undefined = issue;
  for (let depth = 0; current && depth < 6; depth += 1) {
    const key = parentKey(current);
    current = key ? index.issueByKey.get(key) : undefined;
    if (current && level(current) >= 1) return true;
  }
  return false;
}

export function adfText(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const node = body as { type?: string; text?: string; attrs?: { text?: string }; content?: unknown[] };
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'mention') return node.attrs?.text ?? '';
  const parts = (node.content ?? []).map(adfText);
  return node.type === 'doc' ? parts.join('\n\n') : parts.join('');
}
