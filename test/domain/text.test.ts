import type { Person } from '../../src/domain/model';
import { listed, personName, plural } from '../../src/domain/text';

describe('plural', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'day', undefined, '0 days'],
    [1, 'day', undefined, '1 day'],
    [2, 'day', undefined, '2 days'],
    [1, 'person', 'people', '1 person'],
    [3, 'person', 'people', '3 people'],
    [-1, 'week', undefined, '-1 weeks'],
  ])('%d %s (%s) → %s', (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });
});

describe('listed', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['Ana'], 'Ana'],
    [['Ana', 'Ben'], 'Ana and Ben'],
    [['Ana', 'Ben', 'Chen'], 'Ana, Ben and Chen'],
    [['Ana', 'Ben', 'Chen', 'Dev'], 'Ana, Ben, Chen and Dev'],
  ])('%j → %s', (items, expected) => {
    expect(listed(items)).toBe(expected);
  });
});

describe('personName', () => {
  const people = new Map<string, Pick<Person, 'displayName'>>([['557058:ana', { displayName: 'Ana Costa' }]]);
  it.each([
    ['557058:ana', 'Ana Costa'],
    ['557058:gone', 'Unknown user'],
  ])('%s → %s', (accountId, expected) => {
    expect(personName({ people }, accountId)).toBe(expected);
  });
});
