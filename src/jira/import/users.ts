import type { RestUser } from '../snapshot';
import { isRecord, text, type Loose } from './loose';

/**
 * A user object as Jira embeds it: Cloud `{accountId, displayName, …}`, Server `{name, key, displayName, active}`.
 * Group role actors (`{displayName, name, type}`), projects and sprints also carry names, so a display name alone
 * is not enough: an account id, a user URL or an `active` flag must come with it.
 */
export function isUserObject(value: unknown): value is Loose {
  if (!isRecord(value) || typeof value.displayName !== 'string') return false;
  return (
    typeof value.accountId === 'string' || typeof value.active === 'boolean' || /\/user\?/.test(text(value.self) ?? '')
  );
}

/**
 * The account id a user object stands for. Cloud ids first; exports that blank `accountId` to "" still name the
 * account in `self` (`…/user?accountId=5fb4…`); Jira Server users have none, so their key (stable across renames)
 * or else their user name is the id — the normaliser does the same for Server users it meets.
 */
export function userIdOf(user: Loose): string | undefined {
  const accountId = text(user.accountId);
  if (accountId) return accountId;
  const fromSelf = /[?&]accountId=([^&]+)/.exec(text(user.self) ?? '')?.[1];
  if (fromSelf) return decodeURIComponent(fromSelf);
  return text(user.key) ?? text(user.name);
}

/** Visits every user object inside a JSON value (issue, history, project lead…). */
export function forEachUser(value: unknown, visit: (user: Loose) => void): void {
  if (Array.isArray(value)) {
    for (const entry of value) forEachUser(entry, visit);
    return;
  }
  if (!isRecord(value)) return;
  if (isUserObject(value)) visit(value);
  for (const child of Object.values(value)) if (child !== null && typeof child === 'object') forEachUser(child, visit);
}

/** Gives every embedded user object an account id (see `userIdOf`), in place, so Server and blanked users are found. */
export function assignAccountIds(value: unknown): void {
  forEachUser(value, (user) => {
    const id = userIdOf(user);
    if (id !== undefined && user.accountId !== id) user.accountId = id;
  });
}

/**
 * The users of a site: explicit user records first (they are what `/user` returns), then everyone the data
 * refers to, each known once. Later sightings only fill properties the earlier ones lack; blanked ("") values
 * count as missing.
 */
export class UserDirectory {
  private readonly users = new Map<string, RestUser>();

  add(value: unknown): void {
    if (!isRecord(value)) return;
    const accountId = userIdOf(value);
    if (accountId === undefined) return;
    const known = this.users.get(accountId);
    const merged: RestUser = { ...withoutBlanks(value), ...known, accountId };
    this.users.set(accountId, merged);
  }

  addEmbedded(value: unknown): void {
    forEachUser(value, (user) => this.add(user));
  }

  list(): RestUser[] {
    return [...this.users.values()];
  }
}

function withoutBlanks(record: Loose): Loose {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== '' && value !== null && value !== undefined),
  );
}
