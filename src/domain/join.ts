import { issueNumber } from './issue-key';
import type { Action, Item, Person, Sprint } from './model';

/** Records of one site read in parts (batches of a snapshot, projects of a sharded audit), joined into one. */

/** What is known of a sprint, completed by another mention of it: the first mention wins, a board id is taken from any. */
export function withSprint(known: Sprint | undefined, sprint: Sprint): Sprint {
  return known
    ? {
        ...sprint,
        ...known,
        ...(known.boardId === undefined && sprint.boardId !== undefined ? { boardId: sprint.boardId } : {}),
      }
    : sprint;
}

/**
 * Two records of one person from different parts of a site: a part may know them only by a reference (an app's
 * name in a changelog, without its account type); the fuller record wins.
 */
export function fullerPerson(known: Person | undefined, candidate: Person): Person {
  if (!known) return candidate;
  const detail = (person: Person) =>
    (person.kind !== 'unknown' ? 2 : 0) + (person.displayName !== 'Unknown user' ? 1 : 0) + (person.email ? 1 : 0);
  return detail(candidate) > detail(known) ? candidate : known;
}

/** Site order of items: by project key, then issue number. */
export function compareItems(a: Pick<Item, 'projectKey' | 'key'>, b: Pick<Item, 'projectKey' | 'key'>): number {
  if (a.projectKey !== b.projectKey) return a.projectKey < b.projectKey ? -1 : 1;
  return issueNumber(a.key) - issueNumber(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Site order of actions: oldest first, then by id. */
export function compareActions(a: Action, b: Action): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
