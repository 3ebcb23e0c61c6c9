import { parseConfig } from '../../src/config/schema';
import { inferRole, RoleDirectory } from '../../src/roles';
import { person, project, site } from '../fixtures/build-site';

describe('inferRole', () => {
  it.each([
    [{ strategic: 1, tactical: 1, neutral: 0 }, undefined],
    [{ strategic: 5, tactical: 1, neutral: 4 }, 'pm'],
    [{ strategic: 1, tactical: 5, neutral: 0 }, 'po'],
    [{ strategic: 3, tactical: 3, neutral: 0 }, undefined],
    [{ strategic: 0, tactical: 2, neutral: 0 }, undefined],
    [{ strategic: 0, tactical: 5, neutral: 294 }, undefined],
    [{ strategic: 0, tactical: 5, neutral: 15 }, 'po'],
  ] as const)('%j → %s', (counts, expected) => {
    expect(inferRole(counts)).toBe(expected);
  });
});

describe('RoleDirectory', () => {
  const target = site({
    people: ['amara', 'ben', 'cleo', 'dev', 'eve', 'fin'].map((id) => person(id)),
    groups: [{ name: 'Product-Managers', memberIds: ['eve'] }],
    projects: [
      project('MOB', { pm: ['amara'], po: ['ben'] }),
      {
        ...project('PAY', { other: { Developers: ['dev'] } }),
        roles: [{ id: 1, name: 'product owner', accountIds: [], groupNames: ['po-group'] }],
      },
      project('LAB', { pm: ['cleo'], po: ['cleo'] }),
    ],
  });
  target.groups.push({ name: 'po-group', memberIds: ['fin'] });
  const config = parseConfig(
    { version: 1, combinedRoleProjects: ['LAB'], roleMapping: { groups: { pm: ['product-managers'], po: [] } } },
    [],
  );
  const directory = new RoleDirectory(target, config, new Map([['dev', { strategic: 0, tactical: 7, neutral: 3 }]]));

  it('maps project-role actors, group actors of a role, and configured groups (names case-insensitive)', () => {
    expect(directory.rolesIn('amara', 'MOB')).toEqual({ roles: ['pm'], sources: ['project-role'], scope: 'project' });
    expect(directory.rolesIn('fin', 'PAY')).toEqual({ roles: ['po'], sources: ['project-role'], scope: 'project' });
    expect(directory.rolesIn('eve', 'PAY')).toEqual({ roles: ['pm'], sources: ['group'], scope: 'project' });
  });

  it('falls back to a role held elsewhere on the site, then to inference', () => {
    expect(directory.rolesIn('ben', 'PAY')).toEqual({ roles: ['po'], sources: ['project-role'], scope: 'site' });
    expect(directory.rolesIn('dev', 'MOB')).toEqual({ roles: ['po'], sources: ['inferred'], scope: 'inferred' });
    expect(directory.rolesIn('nobody', 'MOB')).toEqual({ roles: [], sources: [], scope: 'none' });
  });

  it('lists holders per project and knows combined-role teams', () => {
    expect(directory.holders('MOB', 'pm')).toEqual(['amara', 'eve']);
    expect(directory.holders('PAY', 'po')).toEqual(['fin']);
    expect(directory.rolesIn('cleo', 'LAB').roles).toEqual(['pm', 'po']);
    expect(directory.isCombinedRole('LAB')).toBe(true);
    expect(directory.isCombinedRole('MOB')).toBe(false);
  });
});
