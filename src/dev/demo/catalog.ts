import type { RestField } from '../../jira/snapshot';

/**
 * The site's configuration as Jira reports it: fields, issue types, statuses, priorities, resolutions.
 * Custom field ids are deliberately not the ones most Cloud sites have (10020 Sprint, 10016 story points…):
 * the auditor must find fields by schema, never by id.
 */

export const BASE_URL = 'https://northwind-commerce.atlassian.net';

export const CUSTOM = {
  sprint: 'customfield_10104',
  rank: 'customfield_10105',
  storyPoints: 'customfield_10106',
  startDate: 'customfield_10107',
  flagged: 'customfield_10108',
  acceptanceCriteria: 'customfield_10109',
  development: 'customfield_10110',
  team: 'customfield_10401',
  parentLink: 'customfield_10402',
  targetStart: 'customfield_10403',
  targetEnd: 'customfield_10404',
  globalRank: 'customfield_10311',
  severity: 'customfield_10512',
  releaseDate: 'customfield_10513',
  affectedMerchants: 'customfield_10514',
} as const;

export type CustomFieldKey = keyof typeof CUSTOM;

function customField(key: CustomFieldKey, name: string, type: string, custom: string, items?: string): RestField {
  const id = CUSTOM[key];
  const customId = Number(id.slice('customfield_'.length));
  return {
    id,
    key: id,
    name,
    untranslatedName: name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customId}]`, name],
    schema: { type, ...(items ? { items } : {}), custom, customId },
  };
}

function systemField(
  id: string,
  name: string,
  type: string,
  clauseNames: string[],
  items?: string,
  orderable = true,
): RestField {
  return {
    id,
    key: id,
    name,
    custom: false,
    orderable,
    navigable: true,
    searchable: true,
    clauseNames,
    schema: { type, ...(items ? { items } : {}), system: id },
  };
}

/** GET /rest/api/3/field */
export const FIELDS: RestField[] = [
  systemField('summary', 'Summary', 'string', ['summary']),
  systemField('description', 'Description', 'string', ['description']),
  systemField('issuetype', 'Issue Type', 'issuetype', ['issuetype', 'type']),
  systemField('status', 'Status', 'status', ['status'], undefined, false),
  systemField('priority', 'Priority', 'priority', ['priority']),
  systemField('labels', 'Labels', 'array', ['labels'], 'string'),
  systemField('fixVersions', 'Fix versions', 'array', ['fixVersion'], 'version'),
  systemField('versions', 'Affects versions', 'array', ['affectedVersion'], 'version'),
  systemField('components', 'Components', 'array', ['component'], 'component'),
  systemField('duedate', 'Due date', 'date', ['due', 'duedate']),
  systemField('assignee', 'Assignee', 'user', ['assignee']),
  systemField('reporter', 'Reporter', 'user', ['reporter']),
  systemField('creator', 'Creator', 'user', ['creator'], undefined, false),
  systemField('created', 'Created', 'datetime', ['created', 'createdDate'], undefined, false),
  systemField('updated', 'Updated', 'datetime', ['updated', 'updatedDate'], undefined, false),
  systemField('resolutiondate', 'Resolved', 'datetime', ['resolutiondate', 'resolved'], undefined, false),
  systemField('resolution', 'Resolution', 'resolution', ['resolution']),
  systemField(
    'statuscategorychangedate',
    'Status Category Changed',
    'datetime',
    ['statusCategoryChangedDate'],
    undefined,
    false,
  ),
  systemField('parent', 'Parent', 'issuelink', ['parent']),
  systemField('subtasks', 'Sub-tasks', 'array', ['subtasks'], 'issuelinks', false),
  systemField('issuelinks', 'Linked Issues', 'array', ['issueLink'], 'issuelinks'),
  systemField('comment', 'Comment', 'comments-page', ['comment']),
  systemField('project', 'Project', 'project', ['project'], undefined, false),
  systemField('environment', 'Environment', 'string', ['environment']),
  systemField('attachment', 'Attachment', 'array', ['attachments'], 'attachment'),
  systemField('worklog', 'Log Work', 'array', [], 'worklog'),
  systemField('timetracking', 'Time tracking', 'timetracking', []),
  systemField('votes', 'Votes', 'votes', ['votes'], undefined, false),
  systemField('watches', 'Watchers', 'watches', ['watchers'], undefined, false),
  systemField('security', 'Security Level', 'securitylevel', ['level']),
  systemField('lastViewed', 'Last Viewed', 'datetime', ['lastViewed'], undefined, false),
  systemField('workratio', 'Work Ratio', 'number', ['workratio'], undefined, false),
  systemField('progress', 'Progress', 'progress', ['progress'], undefined, false),
  systemField('aggregateprogress', 'Σ Progress', 'progress', [], undefined, false),
  {
    id: 'issuekey',
    key: 'issuekey',
    name: 'Key',
    custom: false,
    orderable: false,
    navigable: true,
    searchable: false,
    clauseNames: ['id', 'issue', 'issuekey', 'key'],
  },
  {
    id: 'thumbnail',
    key: 'thumbnail',
    name: 'Images',
    custom: false,
    orderable: false,
    navigable: true,
    searchable: false,
    clauseNames: [],
  },
  customField('sprint', 'Sprint', 'array', 'com.pyxis.greenhopper.jira:gh-sprint', 'json'),
  customField('rank', 'Rank', 'any', 'com.pyxis.greenhopper.jira:gh-lexo-rank'),
  customField('globalRank', 'Global Rank', 'any', 'com.pyxis.greenhopper.jira:gh-lexo-rank'),
  customField('storyPoints', 'Story point estimate', 'number', 'com.pyxis.greenhopper.jira:jsw-story-points'),
  customField('startDate', 'Start date', 'date', 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker'),
  customField('releaseDate', 'Launch date', 'date', 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker'),
  customField(
    'flagged',
    'Flagged',
    'array',
    'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes',
    'option',
  ),
  customField(
    'acceptanceCriteria',
    'Acceptance Criteria',
    'string',
    'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
  ),
  customField(
    'development',
    'Development',
    'any',
    'com.atlassian.jira.plugins.jira-development-integration-plugin:devsummarycf',
  ),
  customField('team', 'Team', 'team', 'com.atlassian.teams:rm-teams-custom-field-team'),
  customField('parentLink', 'Parent Link', 'any', 'com.atlassian.jpo:jpo-custom-field-parent'),
  customField('targetStart', 'Target start', 'date', 'com.atlassian.jpo:jpo-custom-field-baseline-start'),
  customField('targetEnd', 'Target end', 'date', 'com.atlassian.jpo:jpo-custom-field-baseline-end'),
  customField('severity', 'Severity', 'option', 'com.atlassian.jira.plugin.system.customfieldtypes:select'),
  customField(
    'affectedMerchants',
    'Affected merchants',
    'string',
    'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
  ),
];

export type IssueTypeName = 'Initiative' | 'Epic' | 'Story' | 'Task' | 'Bug' | 'Spike' | 'Sub-task';

export interface IssueTypeDef {
  id: string;
  name: IssueTypeName;
  description: string;
  hierarchyLevel: number;
  avatarId: number;
}

export const ISSUE_TYPES: Record<IssueTypeName, IssueTypeDef> = {
  Initiative: {
    id: '10100',
    name: 'Initiative',
    description: 'A large body of work spanning several teams and quarters.',
    hierarchyLevel: 2,
    avatarId: 10553,
  },
  Epic: {
    id: '10000',
    name: 'Epic',
    description: 'A big user story that needs to be broken down.',
    hierarchyLevel: 1,
    avatarId: 10307,
  },
  Story: {
    id: '10001',
    name: 'Story',
    description: 'Functionality or a feature expressed as a user goal.',
    hierarchyLevel: 0,
    avatarId: 10315,
  },
  Task: {
    id: '10002',
    name: 'Task',
    description: 'A small, distinct piece of work.',
    hierarchyLevel: 0,
    avatarId: 10318,
  },
  Bug: { id: '10004', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, avatarId: 10303 },
  Spike: {
    id: '10005',
    name: 'Spike',
    description: 'Time-boxed research to answer a question before committing to a story.',
    hierarchyLevel: 0,
    avatarId: 10321,
  },
  'Sub-task': {
    id: '10003',
    name: 'Sub-task',
    description: 'A small piece of work that is part of a larger task.',
    hierarchyLevel: -1,
    avatarId: 10316,
  },
};

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusDef {
  id: string;
  name: StatusName;
  category: StatusCategoryKey;
}

export type StatusName =
  'To Do' | 'In Progress' | 'In Review' | 'Ready for Acceptance' | 'Done' | "Won't Do" | 'Planned';

export const STATUSES: Record<StatusName, StatusDef> = {
  'To Do': { id: '10000', name: 'To Do', category: 'new' },
  'In Progress': { id: '3', name: 'In Progress', category: 'indeterminate' },
  'In Review': { id: '10002', name: 'In Review', category: 'indeterminate' },
  'Ready for Acceptance': { id: '10016', name: 'Ready for Acceptance', category: 'indeterminate' },
  Done: { id: '10001', name: 'Done', category: 'done' },
  "Won't Do": { id: '10008', name: "Won't Do", category: 'done' },
  Planned: { id: '10010', name: 'Planned', category: 'new' },
};

export const STATUS_CATEGORIES: Record<
  StatusCategoryKey,
  { id: number; key: StatusCategoryKey; colorName: string; name: string }
> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export type PriorityName = 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';

export const PRIORITIES: Record<PriorityName, { id: string; name: PriorityName }> = {
  Highest: { id: '1', name: 'Highest' },
  High: { id: '2', name: 'High' },
  Medium: { id: '3', name: 'Medium' },
  Low: { id: '4', name: 'Low' },
  Lowest: { id: '5', name: 'Lowest' },
};

export const RESOLUTIONS = {
  Done: { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  "Won't Do": { id: '10001', name: "Won't Do", description: "This issue won't be actioned." },
} as const;

export const FLAG_OPTION = { id: '10019', value: 'Impediment' } as const;

export const SEVERITY_OPTIONS = [
  { id: '10300', value: 'S1 – outage' },
  { id: '10301', value: 'S2 – major' },
  { id: '10302', value: 'S3 – minor' },
] as const;
