import { classifyAction, siteContexts } from '../../src/classify';
import { itemStates, siteVocabulary } from '../../src/classify/as-of';
import { bookkeepingActions, BULK_MIN_ITEMS } from '../../src/classify/bookkeeping';
import { statesDecision } from '../../src/classify/decisions';
import type { Action, ChangeAction, Person, Site } from '../../src/domain/model';
import { changed, commented, created, field, item } from './builders';

const person = (accountId: string, kind: Person['kind'] = 'human'): Person => ({
  accountId,
  displayName: accountId,
  kind,
  active: true,
  deleted: false,
});

function site(items: Site['items'], actions: Action[], people: Person[] = [person('author-1')]): Site {
  return {
    baseUrl: '',
    fields: {},
    people,
    groups: [],
    projects: [],
    boards: [],
    sprints: [],
    items,
    actions,
    problems: [],
  };
}

function onItem<T extends Action>(action: T, key: string, id: string): T {
  return { ...action, itemKey: key, id: `${key}:${id}` };
}

describe('the item as it was', () => {
  const story = item('story', {
    key: 'SHOP-1',
    dueDate: '2027-03-01',
    sprintIds: [7],
    fixVersions: ['2.0'],
    status: { name: 'Done', category: 'done' },
    resolved: '2026-12-01T00:00:00.000Z',
  });
  const setDue = onItem(
    changed([field('dueDate', 'duedate', '', '2027-03-01')], '2026-11-01T00:00:00.000Z'),
    'SHOP-1',
    'h2',
  );
  const resolve = onItem(
    changed(
      [
        field('status', 'status', 'In Progress', 'Done'),
        field('resolution', 'resolution', '', 'Done'),
        field('fixVersions', 'Fix Version', '1.0', '2.0'),
      ],
      '2026-12-01T00:00:00.000Z',
    ),
    'SHOP-1',
    'h3',
  );
  const early = onItem(commented('Looks fine', '2026-10-15T00:00:00.000Z'), 'SHOP-1', 'c1');
  const states = itemStates(
    story,
    [created('2026-10-01T00:00:00.000Z'), early, setDue, resolve].map((action) =>
      action.kind === 'create' ? { ...action, id: 'SHOP-1:create', itemKey: 'SHOP-1' } : action,
    ),
    siteVocabulary([
      story,
      item('story', { key: 'SHOP-2', status: { name: 'In Progress', category: 'indeterminate' } }),
    ]),
  );

  it('undoes the changes made after an action, newest first', () => {
    const before = states.get('SHOP-1:c1')?.after;
    expect(before?.dueDate).toBeUndefined();
    expect(before?.fixVersions).toEqual(['1.0']);
    expect(before?.status).toEqual({ name: 'In Progress', category: 'indeterminate' });
    expect(before?.resolved).toBeUndefined();
  });

  it('gives the state just before and just after a change', () => {
    expect(states.get('SHOP-1:h2')?.before.dueDate).toBeUndefined();
    expect(states.get('SHOP-1:h2')?.after.dueDate).toBe('2027-03-01');
    expect(states.get('SHOP-1:h3')?.before.resolved).toBeUndefined();
    expect(states.get('SHOP-1:h3')?.after).toBe(story);
  });

  it('judges a comment against the sprint of its time, not a later one', () => {
    const later = { id: 7, name: 'Sprint 13', state: 'closed', startDate: '2028-03-01', endDate: '2028-03-14' };
    const whole = { ...site([story], [early]), sprints: [later] };
    const context = siteContexts(whole).contextFor(early);
    expect(context && classifyAction(early, context).reason).not.toContain('Sprint 13');
  });
});

describe('bookkeeping the site shows', () => {
  const relabel = (index: number, minute: number): ChangeAction =>
    onItem(
      changed(
        [field('components', 'Component', 'Old', 'New')],
        `2026-10-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
      ),
      `SHOP-${index}`,
      `h${index}`,
    );

  it(`is a bulk edit when one person makes the same change on ${BULK_MIN_ITEMS} issues within minutes`, () => {
    const actions = Array.from({ length: BULK_MIN_ITEMS }, (_, index) => relabel(index + 1, index));
    expect([...bookkeepingActions(site([], actions)).bulk.values()]).toEqual(
      Array.from({ length: BULK_MIN_ITEMS }, () => BULK_MIN_ITEMS),
    );
  });

  it('is no bulk edit with fewer issues, or spread over hours', () => {
    const few = Array.from({ length: BULK_MIN_ITEMS - 1 }, (_, index) => relabel(index + 1, index));
    expect(bookkeepingActions(site([], few)).bulk.size).toBe(0);
    const spread = Array.from({ length: BULK_MIN_ITEMS }, (_, index) => ({
      ...relabel(index + 1, 0),
      at: `2026-10-01T${String(10 + index).padStart(2, '0')}:00:00.000Z`,
    }));
    expect(bookkeepingActions(site([], spread)).bulk.size).toBe(0);
  });

  it('knows app and automation accounts by their account type', () => {
    const action = onItem(commented('Build 123 passed', undefined, 'bot'), 'SHOP-1', 'c9');
    const found = bookkeepingActions(site([], [action], [person('bot', 'app')]));
    expect(found.automated.get('SHOP-1:c9')).toMatch(/app or automation account/);
  });
});

describe('a comment records a decision only when it states one (R4)', () => {
  it.each([
    'Closing ticket as "Won\'t Fix".',
    'I have pushed this to Release 6.0.0 pending further investigation. Can your team verify? Thanks!',
    'We thus decided to defer this fix for 3.2.0.',
    'Untagged from being a regression; OK to postpone.',
    "We won't market two-way sync in the EU until Legal has reviewed it.",
  ])('decides: %s', (text) => expect(statesDecision(text)).toBe(true));

  it.each([
    'Closing ticket as fixed.',
    'Resolving ticket as Invalid as there is now a new version available.',
    'Can you get this into 7.1.0?',
    "I would propose to not address this but use the built-in solution. Since we won't have a release before 7.1.0, this is the earliest.",
    'We will let you know if and when we will include this feature.',
    'Verified fixed on Titanium SDK 3.3.0. Closing.',
  ])('does not decide: %s', (text) => expect(statesDecision(text)).toBe(false));
});
