import { criteriaById, isCriteriaId } from '../../../src/criteria';
import type { Finding, PersonProfile, RoadmapItemSummary } from '../../../src/resolvers/api';
import type { CsvColumn } from './export';
import { categoryOf, subjectLabel } from './findings';
import { roleLabel } from './format';
import { isoDay } from '../../../src/horizon';

export const findingColumns: ReadonlyArray<CsvColumn<Finding>> = [
  { header: 'Finding id', value: (finding) => finding.id },
  { header: 'Kind', value: (finding) => categoryOf(finding.rule) },
  { header: 'Rule', value: (finding) => finding.rule },
  { header: 'Severity', value: (finding) => finding.severity },
  { header: 'Subject', value: (finding) => subjectLabel(finding) },
  { header: 'Message', value: (finding) => finding.message },
  {
    header: 'Criteria',
    value: (finding) => finding.criteria.map((id) => (isCriteriaId(id) ? `${id} ${criteriaById(id).name}` : id)),
  },
  { header: 'Issues', value: (finding) => finding.issueKeys },
  { header: 'Projects', value: (finding) => finding.projectKeys },
  {
    header: 'Evidence',
    value: (finding) =>
      finding.evidence.map((evidence) =>
        [isoDay(evidence.at), evidence.issueKey, evidence.what].filter(Boolean).join(' '),
      ),
  },
  { header: 'Suggestion', value: (finding) => finding.suggestion },
];

export const roadmapItemColumns: ReadonlyArray<CsvColumn<RoadmapItemSummary>> = [
  { header: 'Key', value: (item) => item.key },
  { header: 'Summary', value: (item) => item.summary },
  { header: 'Project', value: (item) => item.projectKey },
  { header: 'Type', value: (item) => item.type },
  { header: 'Owner', value: (item) => item.ownerName },
  { header: 'Owner account id', value: (item) => item.ownerId },
  { header: "Owner's role", value: (item) => (item.ownerId === undefined ? undefined : roleLabel(item.ownerRoles)) },
  { header: 'Start', value: (item) => item.start },
  { header: 'End', value: (item) => item.end },
  { header: 'Span (days)', value: (item) => item.spanDays },
  { header: 'Children', value: (item) => item.children },
  { header: 'Flags', value: (item) => item.findings.length },
  { header: 'Finding ids', value: (item) => item.findings },
];

export const personColumns: ReadonlyArray<CsvColumn<PersonProfile>> = [
  { header: 'Person', value: (person) => person.displayName },
  { header: 'Account id', value: (person) => person.accountId },
  { header: 'Role', value: (person) => roleLabel(person.roles) },
  { header: 'Role inferred', value: (person) => person.roleScope === 'inferred' },
  { header: 'Strategic actions', value: (person) => person.counts.strategic },
  { header: 'Tactical actions', value: (person) => person.counts.tactical },
  { header: 'Neutral actions', value: (person) => person.counts.neutral },
  { header: 'Strategic share', value: (person) => person.share.strategic },
  { header: 'Tactical share', value: (person) => person.share.tactical },
  { header: 'Neutral share', value: (person) => person.share.neutral },
  { header: 'Projects', value: (person) => person.projects },
];
