import type { FieldMap, FieldMeaning } from '../domain/model';
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
  { meaning: 'sprint', customTypes: ['com.pyxis.greenhopper.jira:gh-sprint'], names: ['sprint'], schemaTypes: ['array'] },
  {
    meaning: 'storyPoints',
    customTypes: ['com.pyxis.greenhopper.jira:jsw-story-points'],
    names: ['story point estimate', 'story points', 'story point'],
    schemaTypes: ['number'],
  },
  { meaning: 'startDate', names: ['start date'], schemaTypes: ['date', 'datetime'] },
  { meaning: 'rank', customTypes: ['com.pyxis.greenhopper.jira:gh-lexo-rank'] },
  { meaning: 'team', customTypes: ['com.atlassian.teams:rm-teams-custom-field-team'], names: ['team'], schemaTypes: ['team'] },
  { meaning: 'targetStart', customTypes: ['com.atlassian.jpo:jpo-custom-field-baseline-start'], names: ['target start'], schemaTypes: ['date'] },
  { meaning: 'targetEnd', customTypes: ['com.atlassian.jpo:jpo-custom-field-baseline-end'], names: ['target end'], schemaTypes: ['date'] },
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
  for (const [meaning, id] of SYSTEM_FIELDS) map[meaning] = id;
  for (const matcher of MATCHERS) {
    const found = pickField(fields, matcher);
    if (found) map[matcher.meaning] = found.id;
  }
  return map;
}

function pickField(fields: readonly RestField[], matcher: FieldMatcher): RestField | undefined {
  const bySchema = matcher.customTypes ? fields.filter((field) => field.schema?.custom !== undefined && matcher.customTypes!.includes(field.schema.custom)) : [];
  const canonicalName = matcher.names?.[0] ?? defaultName(matcher.meaning);
  if (bySchema.length > 0) {
    return bySchema.find((field) => field.name.trim().toLowerCase() === canonicalName) ?? bySchema.sort(byCustomId)[0];
  }
  if (!matcher.names) return undefined;
  const byName = fields.filter((field) => {
    const name = field.name.trim().toLowerCase();
    if (!matcher.names!.includes(name)) return false;
    return !matcher.schemaTypes || matcher.schemaTypes.includes(field.schema?.type ?? '');
  });
  for (const name of matcher.names) {
    const match = byName.filter((field) => field.name.trim().toLowerCase() === name).sort(byCustomId)[0];
    if (match) return match;
  }
  return undefined;
}

function defaultName(meaning: FieldMatcher['meaning']): string {
  return meaning === 'rank' ? 'rank' : meaning.toLowerCase();
}

/** The oldest field (lowest custom id) is the one Jira created itself; later duplicates come from migrations. */
function byCustomId(a: RestField, b: RestField): number {
  return (a.schema?.customId ?? Number.MAX_SAFE_INTEGER) - (b.schema?.customId ?? Number.MAX_SAFE_INTEGER);
}

/** Reverse lookup used by the normaliser to give changelog items a meaning. */
export function meaningOfField(map: FieldMap, fieldId: string | undefined, fieldName: string | undefined): FieldMeaning {
  for (const [meaning, id] of Object.entries(map) as Array<[Exclude<FieldMeaning, 'other'>, string]>) {
    if (fieldId !== undefined && id === fieldId) return meaning;
  }
  if (fieldName === undefined) return 'other';
  return NAMES_IN_CHANGELOG[fieldName.trim().toLowerCase()] ?? 'other';
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
  'acceptance criteria': 'acceptanceCriteria',
  flagged: 'flagged',
  component: 'components',
  'component/s': 'components',
  resolution: 'resolution',
};
