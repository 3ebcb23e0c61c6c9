/** @needs-shared real-jira/field-catalog */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { discoverFieldCandidates, discoverFields, meaningOfField } from '../../src/jira/fields';
import type { RestField } from '../../src/jira/snapshot';

const catalogue = JSON.parse(
  readFileSync(
    path.resolve(__dirname, '../../../shared/real-jira/field-catalog/DataDefinition/jira_field_information.json'),
    'utf8',
  ),
) as Record<string, RestField[]>;

describe('discoverFields on real sites', () => {
  it('reads every catalogued site', () => {
    expect(Object.keys(catalogue).length).toBeGreaterThanOrEqual(14);
  });

  it.each(Object.keys(catalogue))('%s: finds Sprint and Rank by schema, whatever their ids', (site) => {
    const fields = catalogue[site]!;
    const map = discoverFields(fields);
    const sprint = fields.filter((field) => field.schema?.custom === 'com.pyxis.greenhopper.jira:gh-sprint');
    expect(map.sprint).toBe(sprint[0]!.id);
    const rank = fields.find((field) => field.id === map.rank);
    expect(rank?.name).toBe('Rank');
    expect(rank?.schema?.custom).toBe('com.pyxis.greenhopper.jira:gh-lexo-rank');
  });

  it('prefers the team-managed estimate but keeps the company-managed one as a candidate (IntelDAOS)', () => {
    const candidates = discoverFieldCandidates(catalogue.IntelDAOS!);
    expect(candidates.storyPoints).toEqual(['customfield_10016', 'customfield_10026']);
    expect(candidates.startDate).toEqual(['customfield_10015']);
  });

  it('does not take "Original story points" for the estimate (Apache)', () => {
    const candidates = discoverFieldCandidates(catalogue.Apache!);
    expect(candidates.storyPoints).toEqual(['customfield_12310293']);
    expect(candidates.startDate).toEqual(['customfield_12314422']);
  });

  it('leaves out what a site does not have (Mojang has no story points)', () => {
    expect(discoverFields(catalogue.Mojang!).storyPoints).toBeUndefined();
  });
});

describe('discoverFields on a Jira Cloud site', () => {
  const fields: RestField[] = [
    {
      id: 'customfield_10104',
      name: 'Sprint',
      custom: true,
      schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10104 },
    },
    {
      id: 'customfield_10230',
      name: 'Rank (migrated)',
      custom: true,
      schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10230 },
    },
    {
      id: 'customfield_10231',
      name: 'Rank',
      custom: true,
      schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10231 },
    },
    {
      id: 'customfield_10301',
      name: 'Target start',
      custom: true,
      schema: { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-start', customId: 10301 },
    },
    {
      id: 'customfield_10302',
      name: 'Target end',
      custom: true,
      schema: { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-end', customId: 10302 },
    },
    {
      id: 'customfield_10400',
      name: 'Team',
      custom: true,
      schema: { type: 'team', custom: 'com.atlassian.teams:rm-teams-custom-field-team', customId: 10400 },
    },
    {
      id: 'customfield_10401',
      name: 'Team',
      custom: true,
      schema: {
        type: 'string',
        custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
        customId: 10401,
      },
    },
    {
      id: 'customfield_10500',
      name: 'Parent Link',
      custom: true,
      schema: { type: 'any', custom: 'com.atlassian.jpo:jpo-custom-field-parent', customId: 10500 },
    },
    {
      id: 'customfield_10600',
      name: 'Acceptance Criteria',
      custom: true,
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', customId: 10600 },
    },
  ];

  it('maps each meaning to the right id', () => {
    expect(discoverFields(fields)).toMatchObject({
      sprint: 'customfield_10104',
      rank: 'customfield_10231',
      targetStart: 'customfield_10301',
      targetEnd: 'customfield_10302',
      team: 'customfield_10400',
      parentLink: 'customfield_10500',
      acceptanceCriteria: 'customfield_10600',
      dueDate: 'duedate',
    });
  });

  it.each([
    ['customfield_10104', 'Sprint', 'sprint'],
    ['customfield_10230', 'Rank (migrated)', 'rank'],
    [undefined, 'Rank', 'rank'],
    ['duedate', 'duedate', 'dueDate'],
    [undefined, 'Fix Version', 'fixVersions'],
    ['customfield_99999', 'Flux capacitor', 'other'],
    [undefined, undefined, 'other'],
  ])('gives changelog item %s / %s the meaning %s', (fieldId, fieldName, meaning) => {
    expect(meaningOfField(discoverFieldCandidates(fields), fieldId, fieldName)).toBe(meaning);
  });
});
