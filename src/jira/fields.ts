import type { FieldMap, FieldMeaning } from '../domain/model';

export type FieldCandidates = Partial<Record<Exclude<FieldMeaning, 'other'>, string[]>>;
import type { RestField } from './snapshot';

interface FieldMatcher {
  meaning: Exclude<FieldMeaning, 'other'>;
  /** Schema `custom` keys that identify the field wherever its id is. */
  customTypes?: string[];
  /** Lower-case names that identify it when the schema does not (older or migrated sites). */
  names?: string[];
  /** Narrows name matches to a schema type, so a text field called "Team" is not taken for the Team field. */
  schemaTypes?: string[];
}

/** Order matters only within a meaning: the first matcher that finds a field wins. */
const MATCHERS: FieldMatcher[] = [
  {
    meaning: 'sprint',
    customTypes: ['com.pyxis.greenhopper.jira:gh-sprint'],
    names: ['sprint'],
    schemaTypes: ['array'],
  },
  {
    meaning: 'storyPoints',
    customTypes: ['com.pyxis.greenhopper.jira:jsw-story-points'],
    names: ['story point estimate', 'story points', 'story point'],
    schemaTypes: ['number'],
  },
  { meaning: 'startDate', names: ['start date'], schemaTypes: ['date', 'datetime'] },
  { meaning: 'rank', customTypes: ['com.pyxis.greenhopper.jira:gh-lexo-rank'], names: ['rank'] },
  {
    meaning: 'team',
    customTypes: ['com.atlassian.teams:rm-teams-custom-field-team'],
    names: ['team'],
    schemaTypes: ['team'],
  },
  {
    meaning: 'targetStart',
    customTypes: ['com.atlassian.jpo:jpo-custom-field-baseline-start'],
    names: ['target start'],
    schemaTypes: ['date'],
  },
  {
    meaning: 'targetEnd',
    customTypes: ['com.atlassian.jpo:jpo-custom-field-baseline-end'],
    names: ['target end'],
    schemaTypes: ['date'],
  },
  { meaning: 'parentLink', customTypes: ['com.atlassian.jpo:jpo-custom-field-parent'], names: ['parent link'] },
  { meaning: 'epicLink', customTypes: ['com.pyxis.greenhopper.jira:gh-epic-link'], names: ['epic link'] },
  { meaning: 'acceptanceCriteria', names: ['acceptance criteria'] },
  { meaning: 'flagged', names: ['flagged'], schemaTypes: ['array'] },
];

const SYSTEM_FIELDS: Array<[Exclude<FieldMeaning, 'other'>, string]> = [
  ['dueDate', 'duedate'],
  ['fixVersions', 'fixVersions'],
  ['priority', 'priority'],
  ['labels', 'labels'],
  ['summary', 'summary'],
  ['description', 'description'],
  ['status', 'status'],
  ['assignee', 'assignee'],
  ['issueType', 'issuetype'],
  ['parent', 'parent'],
  ['resolution', 'resolution'],
  ['components', 'components'],
];

/**
 * Finds the fields the auditor understands on this site. Custom field ids differ on every site, so they are
 * found by schema first and by name second; when several match (sites often carry two lexo-rank fields), the one
 * named exactly like Jira's own wins.
 */
export function discoverFields(fields: readonly RestField[]): FieldMap {
  const map: FieldMap = {};
  for (const [meaning, ids] of Object.entries(discoverFieldCandidates(fields)) as Array<[keyof FieldMap, string[]]>) {
    if (ids[0] !== undefined) map[meaning] = ids[0];
  }
  return map;
}

/**
 * Every field that carries a meaning, best first. Sites often have more than one (a team-managed "Story point
 * estimate" beside a company-managed "Story Points"): values are read from whichever is set.
 */
export function discoverFieldCandidates(fields: readonly RestField[]): FieldCandidates {
  const candidates: FieldCandidates = {};
  const usable = fields.filter(isUsableField);
  for (const [meaning, id] of SYSTEM_FIELDS) candidates[meaning] = [id];
  for (const matcher of MATCHERS) {
    const found = rankFields(usable, matcher);
    if (found.length > 0) candidates[matcher.meaning] = found.map((field) => field.id);
  }
  return candidates;
}

/** A catalog entry without a string id and name (null, or a hand-edited file's leftovers) describes no field. */
function isUsableField(field: unknown): field is RestField {
  const record = field as Partial<RestField> | null;
  return (
    record !== null && typeof record === 'object' && typeof record.id === 'string' && typeof record.name === 'string'
  );
}

function rankFields(fields: readonly RestField[], matcher: FieldMatcher): RestField[] {
  const names = matcher.names ?? [matcher.meaning.toLowerCase()];
  const nameRank = (field: RestField) => {
    const index = names.indexOf(field.name.trim().toLowerCase());
    return index < 0 ? names.length : index;
  };
  const bySchema = fields.filter(
    (field) => field.schema?.custom !== undefined && (matcher.customTypes ?? []).includes(field.schema.custom),
  );
  const byName = matcher.names
    ? fields.filter(
        (field) =>
          !bySchema.includes(field) &&
          nameRank(field) < names.length &&
          (!matcher.schemaTypes || matcher.schemaTypes.includes(field.schema?.type ?? '')),
      )
    : [];
  const ordered = (list: RestField[]) => [...list].sort((a, b) => nameRank(a) - nameRank(b) || byCustomId(a, b));
  return [...ordered(bySchema), ...ordered(byName)];
}

/** The oldest field (lowest custom id) is the one Jira created itself; later duplicates come from migrations. */
function byCustomId(a: RestField, b: RestField): number {
  return customId(a) - customId(b);
}

function customId(field: RestField): number {
  const id = field.schema?.customId;
  return typeof id === 'number' && Number.isFinite(id) ? id : Number.MAX_SAFE_INTEGER;
}

/** Reverse lookup used by the normaliser to give changelog items a meaning. */
export function meaningOfField(
  candidates: FieldCandidates,
  fieldId: string | undefined,
  fieldName: string | undefined,
): FieldMeaning {
  if (fieldId !== undefined) {
    for (const [meaning, ids] of Object.entries(candidates) as Array<[Exclude<FieldMeaning, 'other'>, string[]]>) {
      if (ids.includes(fieldId)) return meaning;
    }
  }
  if (fieldName === undefined) return 'other';
  const name = fieldName.trim().toLowerCase();
  // An own-property test, so that a field called "constructor" or "__proto__" is not read off Object.prototype.
  return Object.hasOwn(NAMES_IN_CHANGELOG, name) ? (NAMES_IN_CHANGELOG[name] as FieldMeaning) : 'other';
}

/** Changelog items from older Jira versions carry only the field's display name. */
const NAMES_IN_CHANGELOG: Record<string, FieldMeaning> = {
  sprint: 'sprint',
  rank: 'rank',
  'story points': 'storyPoints',
  'story point estimate': 'storyPoints',
  'start date': 'startDate',
  'target start': 'targetStart',
  'target end': 'targetEnd',
  'parent link': 'parentLink',
  'epic link': 'epicLink',
  team: 'team',
  duedate: 'dueDate',
  'due date': 'dueDate',
  'fix version': 'fixVersions',
  'fix version/s': 'fixVersions',
  fixversions: 'fixVersions',
  priority: 'priority',
  labels: 'labels',
  summary: 'summary',
  description: 'description',
  status: 'status',
  assignee: 'assignee',
  issuetype: 'issueType',
  'issue type': 'issueType',
  parent: 'parent',
  // Jira Cloud writes re-parenting as this pseudo-field, without a fieldId.
  issueparentassociation: 'parent',
  'acceptance criteria': 'acceptanceCriteria',
  flagged: 'flagged',
  component: 'components',
  'component/s': 'components',
  resolution: 'resolution',
};
