import type { PersonProfile } from '../../../src/audit/report';
import type { ProductRole } from '../../../src/config/types';
import { criteriaById, isCriteriaId } from '../../../src/criteria';
import { DAYS_PER_MONTH } from '../../../src/horizon';
import { plural } from '../../../src/domain/text';

/**
 * The one home of how the UI writes dates: in the viewer's locale and time zone, which Forge's context gives
 * (`locale` as `en_US`, `timezone` as an IANA name) and App sets once it has read the context. Until then, and for
 * what the runtime does not know, dates read as `1 Mar 2026` in UTC.
 */
const DEFAULT_LOCALE = 'en-GB';
const DEFAULT_TIME_ZONE = 'UTC';
let viewer = { locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE };

export function setViewerLocale(locale: string | undefined, timeZone: string | undefined): void {
  const tag = locale?.replace(/_/g, '-');
  viewer = {
    locale: tag && Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : DEFAULT_LOCALE,
    timeZone: timeZone && knownTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE,
  };
}

function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day (`2026-03-01`) is the same day everywhere; an instant is shown as the day or time it was where the
 * viewer is.
 */
function formatted(value: string | undefined, withTime: boolean): string {
  if (value === undefined || value === '') return '—';
  const day = CALENDAR_DAY.test(value);
  const date = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  return new Intl.DateTimeFormat(viewer.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime && !day ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: day ? 'UTC' : viewer.timeZone,
  }).format(date);
}

/** `2026-03-01` or an ISO instant → `1 Mar 2026` (in the viewer's locale); what is not a date is shown as given. */
export function formatDate(value: string | undefined): string {
  return formatted(value, false);
}

export function formatDateTime(value: string | undefined): string {
  return formatted(value, true);
}

/** A calendar day without its year, for chart axes: `16 Nov`. */
export function formatDayMonth(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(viewer.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** A criterion named in words with its code as a detail: `Backlog ownership (C9)`. */
export function criterionLabel(id: string): string {
  return isCriteriaId(id) ? `${criteriaById(id).name} (${id})` : id;
}

/** A span for people: `12 days`, `6 weeks`, `9 months` (weeks from two weeks on, months from three months on). */
export function formatSpan(days: number | undefined): string {
  if (days === undefined || !Number.isFinite(days)) return '—';
  if (days < 14) return plural(days, 'day');
  if (days < 91) return plural(Math.round(days / 7), 'week');
  return plural(Math.round(days / DAYS_PER_MONTH), 'month');
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const ROLE_NAMES: Record<ProductRole, string> = { pm: 'PM', po: 'PO' };

/** `PM`, `PO`, `PM and PO` or `none`. */
export function roleLabel(roles: readonly ProductRole[]): string {
  if (roles.length === 0) return 'none';
  return [...roles]
    .sort()
    .map((role) => ROLE_NAMES[role])
    .join(' and ');
}

/** A person's role as the panels show it: inferred roles say so, since no one mapped them. */
export function personRole(person: Pick<PersonProfile, 'roles' | 'roleScope'>): { label: string; inferred: boolean } {
  return { label: roleLabel(person.roles), inferred: person.roleScope === 'inferred' };
}

/** The Jira address of an issue, or undefined when the site address is not an http(s) URL. */
export function issueUrl(siteUrl: string, key: string): string | undefined {
  let base: URL;
  try {
    base = new URL(siteUrl);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return undefined;
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
}
