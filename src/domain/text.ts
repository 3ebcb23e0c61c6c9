import type { Person } from './model';
import { isolated } from './text-safety';

/** Small pieces of the English the findings, the classifier's reasons and the panels are written in. */

/** "1 day", "3 days", "2 people" (with the plural given). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chen"; empty for none. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * A person's display name (isolated when it carries bidi controls, so that it reorders nothing of the sentence it is
 * written into), or "Unknown user" for an account the site does not hold.
 */
export function personName(
  site: { people: ReadonlyMap<string, Pick<Person, 'displayName'>> },
  accountId: string,
): string {
  return isolated(site.people.get(accountId)?.displayName ?? 'Unknown user');
}
