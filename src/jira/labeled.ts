import { isCriteriaId, type CriteriaId } from '../criteria';
import type { Action, CalendarDate, Sprint } from '../domain/model';
import { ROLES, type ClassifyContext, type Role } from '../classify/types';
import { normaliseSite } from './normalise';
import { issuesOnlySnapshot, type RestField, type RestIssue, type SiteSnapshot } from './snapshot';
import { isoDay } from '../horizon';

/**
 * Hand-labelled actions (shared/labeled/*.jsonl) → domain objects. Each case becomes a one-issue site snapshot that
 * goes through `normaliseSite`, so the classifier sees exactly what it would see on a real site.
 */

export interface LabeledCase {
  id: string;
  /** 1-based line in the file. */
  line: number;
  action: Action;
  context: ClassifyContext;
  label?: Role;
  criteria: CriteriaId[];
  why?: string;
}

export interface CaseProblem {
  line: number;
  id?: string;
  message: string;
}

export interface LabeledRead {
  cases: LabeledCase[];
  problems: CaseProblem[];
}

/**
 * Jira Cloud's default ids and schemas for the fields the auditor reads (as on a fresh Cloud site), used when a
 * case carries no field catalogue of its own.
 */
export const DEFAULT_CLOUD_FIELDS: RestField[] = [
  customField(10001, 'Team', { type: 'any', custom: 'com.atlassian.teams:rm-teams-custom-field-team' }),
  customField(10014, 'Epic Link', { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link' }),
  customField(10015, 'Start date', {
    type: 'date',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
  }),
  customField(10016, 'Story point estimate', { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points' }),
  customField(10019, 'Rank', { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank' }),
  customField(10020, 'Sprint', { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint' }),
  customField(10021, 'Flagged', {
    type: 'array',
    items: 'option',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes',
  }),
  customField(10022, 'Target start', { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-start' }),
  customField(10023, 'Target end', { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-end' }),
  customField(10028, 'Story Points', {
    type: 'number',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
  }),
];

function customField(customId: number, name: string, schema: RestField['schema']): RestField {
  const id = `customfield_${customId}`;
  return { id, key: id, name, custom: true, schema: { ...schema, customId } };
}

/** Reads a JSONL text; a bad line is reported with its number and the other lines are still read. */
export function readLabeledCases(text: string): LabeledRead {
  const cases: LabeledCase[] = [];
  const problems: CaseProblem[] = [];
  text.split(/\r?\n/u).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (error) {
      problems.push({ line, message: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    try {
      cases.push(labeledCase(raw, line));
    } catch (error) {
      problems.push({
        line,
        ...(caseId(raw) ? { id: caseId(raw) } : {}),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return { cases, problems };
}

/** One parsed case; throws with a message naming what is missing. */
export function labeledCase(raw: unknown, line: number): LabeledCase {
  const record = object(raw, 'the case is not a JSON object');
  const id = caseId(raw) ?? `line ${line}`;
  const issue = object(record.issue, 'the case has no issue');
  const key = text(issue.key, 'the issue has no key');
  const fields = object(issue.fields, 'the issue has no fields');
  const kind = text(object(record.action, 'the case has no action').kind, 'the action has no kind');
  const catalogue = Array.isArray(record.fields) ? (record.fields as RestField[]) : DEFAULT_CLOUD_FIELDS;

  const site = normaliseSite(caseSnapshot(record, catalogue));
  const item = site.items.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`issue ${key} could not be read: ${problemsOf(site.problems, key)}`);
  const actionId = actionIdOf(key, kind, object(record.action, 'the case has no action'));
  const action = site.actions.find((candidate) => candidate.id === actionId);
  if (!action) throw new Error(`the ${kind} action could not be read (${problemsOf(site.problems, key)})`);

  const parentKey = optionalText(asRecord(fields.parent)?.key);
  const parent = parentKey === undefined ? undefined : site.items.find((candidate) => candidate.key === parentKey);
  const context: ClassifyContext = {
    item,
    ...(parent ? { parent } : {}),
    sprints: new Map<number, Sprint>(site.sprints.map((sprint) => [sprint.id, sprint])),
    releases: releaseDates(fields.fixVersions),
  };
  const label = optionalText(record.label);
  if (label !== undefined && !(ROLES as readonly string[]).includes(label))
    throw new Error(`label "${label}" is not one of ${ROLES.join(', ')}`);
  const criteria = Array.isArray(record.criteria)
    ? record.criteria.filter((value): value is CriteriaId => typeof value === 'string' && isCriteriaId(value))
    : [];
  const why = optionalText(record.why);
  return { id, line, action, context, ...(label ? { label: label as Role } : {}), criteria, ...(why ? { why } : {}) };
}

/** The case as a site snapshot: its issue with the one history or comment, and the parent as a minimal issue. */
export function caseSnapshot(
  record: Record<string, unknown>,
  catalogue: RestField[] = DEFAULT_CLOUD_FIELDS,
): SiteSnapshot {
  const issue = object(record.issue, 'the case has no issue');
  const action = object(record.action, 'the case has no action');
  const fields = { ...object(issue.fields, 'the issue has no fields') };
  const kind = text(action.kind, 'the action has no kind');
  const built: RestIssue = { id: String(issue.id ?? issue.key), key: text(issue.key, 'the issue has no key'), fields };
  switch (kind) {
    case 'create':
      fields.created ??= action.created;
      fields.creator ??= action.author;
      break;
    case 'change': {
      const history = object(action.history, 'the change has no history');
      if (!Array.isArray(history.items)) throw new Error('the change history has no items');
      built.changelog = { histories: [history as never] };
      break;
    }
    case 'comment': {
      const comment = object(action.comment, 'the comment action has no comment');
      const existing = asRecord(fields.comment)?.comments;
      const others = Array.isArray(existing) ? existing.filter((other) => asRecord(other)?.id !== comment.id) : [];
      fields.comment = { comments: [...(others as unknown[]), comment] };
      break;
    }
    default:
      throw new Error(`unknown action kind "${kind}" (expected create, change or comment)`);
  }
  const parent = asRecord(fields.parent);
  const parentIssue: RestIssue[] =
    parent && typeof parent.key === 'string' && parent.key !== built.key
      ? [
          {
            id: typeof parent.id === 'string' || typeof parent.id === 'number' ? String(parent.id) : parent.key,
            key: parent.key,
            fields: { ...asRecord(parent.fields) },
          },
        ]
      : [];
  return issuesOnlySnapshot(catalogue, [built, ...parentIssue]);
}

function actionIdOf(key: string, kind: string, action: Record<string, unknown>): string {
  if (kind === 'create') return `${key}:create`;
  if (kind === 'change') return `${key}:h${idText(object(action.history, 'the change has no history').id)}`;
  return `${key}:c${idText(object(action.comment, 'the comment action has no comment').id)}`;
}

/** A record id as Jira sends it: a string or a number; anything else is no id. */
function idText(id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

function releaseDates(value: unknown): Map<string, CalendarDate> {
  const releases = new Map<string, CalendarDate>();
  if (!Array.isArray(value)) return releases;
  for (const version of value) {
    const record = asRecord(version);
    if (typeof record?.name === 'string' && typeof record.releaseDate === 'string')
      releases.set(record.name, isoDay(record.releaseDate));
  }
  return releases;
}

function problemsOf(problems: readonly { ref: string; message: string }[], key: string): string {
  const mine = problems.filter((problem) => problem.ref.startsWith(key));
  return mine.length > 0 ? mine.map((problem) => problem.message).join('; ') : 'no id or time';
}

function caseId(raw: unknown): string | undefined {
  return raw && typeof raw === 'object' ? optionalText((raw as Record<string, unknown>).id) : undefined;
}

function object(value: unknown, message: string): Record<string, unknown> {
  const found = asRecord(value);
  if (!found) throw new Error(message);
  return found;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(message);
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
