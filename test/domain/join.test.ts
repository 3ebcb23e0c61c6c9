import { compareActions, compareItems, fullerPerson, withSprint } from '../../src/domain/join';
import type { Action, Person, Sprint } from '../../src/domain/model';

describe('compareItems: by project key, then issue number', () => {
  it.each([
    ['PAY-2', 'PAY-10', -1],
    ['PAY-10', 'PAY-2', 1],
    ['MOB-99', 'PAY-1', -1],
    ['PAY-7', 'PAY-7', 0],
    ['PAY', 'PAY-1', -1],
  ])('%s against %s', (a, b, sign) => {
    const item = (key: string) => ({ key, projectKey: key.replace(/-\d+$/, '') });
    expect(Math.sign(compareItems(item(a), item(b)))).toBe(sign);
  });
});

describe('compareActions: oldest first, then by id', () => {
  const action = (id: string, at: string) => ({ id, at }) as Action;
  it.each([
    [action('b', '2026-11-01T09:00:00.000Z'), action('a', '2026-11-02T09:00:00.000Z'), -1],
    [action('b', '2026-11-02T09:00:00.000Z'), action('a', '2026-11-02T09:00:00.000Z'), 1],
    [action('a', '2026-11-02T09:00:00.000Z'), action('a', '2026-11-02T09:00:00.000Z'), 0],
  ])('%j against %j', (a, b, sign) => {
    expect(Math.sign(compareActions(a, b))).toBe(sign);
  });
});

describe('fullerPerson: the record that says more wins, the known one on a tie', () => {
  const known = (extra: Partial<Person>): Person => ({
    accountId: 'ann',
    displayName: 'Unknown user',
    kind: 'unknown',
    active: true,
    deleted: false,
    ...extra,
  });
  it.each<[string, Person | undefined, Person, 'known' | 'candidate']>([
    ['nothing known yet', undefined, known({ displayName: 'Ann' }), 'candidate'],
    ['an account type beats a name', known({ displayName: 'Ann' }), known({ kind: 'human' }), 'candidate'],
    ['a name beats nothing', known({}), known({ displayName: 'Ann' }), 'candidate'],
    ['a tie keeps the known record', known({ displayName: 'Ann' }), known({ displayName: 'Ann L.' }), 'known'],
    ['less detail loses', known({ displayName: 'Ann', email: 'ann@example.com' }), known({}), 'known'],
  ])('%s', (_, first, candidate, winner) => {
    expect(fullerPerson(first, candidate)).toBe(winner === 'known' ? first : candidate);
  });
});

describe('withSprint: the first mention wins, a board id comes from any', () => {
  const sprint = (extra: Partial<Sprint>): Sprint => ({ id: 1, name: 'Sprint 1', state: 'active', ...extra });
  it.each<[string, Sprint | undefined, Sprint, Sprint]>([
    ['first mention', undefined, sprint({ boardId: 3 }), sprint({ boardId: 3 })],
    ['the known name stays', sprint({ name: 'PAY 14' }), sprint({ name: 'Other' }), sprint({ name: 'PAY 14' })],
    ['a board id is taken', sprint({}), sprint({ boardId: 7 }), sprint({ boardId: 7 })],
    ['the known board id stays', sprint({ boardId: 2 }), sprint({ boardId: 7 }), sprint({ boardId: 2 })],
    ['fields only the later one has', sprint({}), sprint({ goal: 'Ship' }), sprint({ goal: 'Ship' })],
  ])('%s', (_, known, mention, expected) => {
    expect(withSprint(known, mention)).toEqual(expected);
  });
});
