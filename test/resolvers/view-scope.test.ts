import type { PersonProfile } from '../../src/resolvers/api';
import { canBeAsked, peopleInScope } from '../../src/resolvers/view-scope';

const counts = { strategic: 0, tactical: 1, neutral: 0 };
const person = (accountId: string, kind: string, former?: true): PersonProfile => ({
  accountId,
  displayName: accountId,
  kind,
  ...(former ? { former } : {}),
  roles: [],
  roleSources: [],
  roleScope: 'none',
  counts,
  share: counts,
  projects: ['PAY'],
  byProject: { PAY: counts },
});

describe('who a people list names', () => {
  test.each<[string, PersonProfile, boolean]>([
    ['a person', person('ana', 'human'), true],
    ['an app account (automation, an integration)', person('automation', 'app'), false],
    ['a former user (deactivated or deleted)', person('former', 'human', true), false],
    ['an account of unknown kind', person('unknown', 'unknown'), true],
  ])('%s: %s', (_, profile, listed) => {
    expect(canBeAsked(profile)).toBe(listed);
    expect(peopleInScope([profile], 'PAY').map((shown) => shown.accountId)).toEqual(listed ? [profile.accountId] : []);
    expect(peopleInScope([profile], undefined)).toHaveLength(listed ? 1 : 0);
  });
});
