import { format, isValid, parseISO } from 'date-fns';
import type { PersonProfile } from '../../../src/audit/report';
import type { ProductRole } from '../../../src/config/types';
import { DAYS_PER_MONTH } from '../../../src/horizon';
import { plural } from '../../../src/domain/text';

/** `2026-03-01` or an ISO instant → `1 Mar 2026`; what is not a date is shown as given. */
export function formatDate(value: string | undefined): string {
  if (value === undefined || value === '') return '—';
  const date = parseISO(value);
  return isValid(date) ? format(date, 'd MMM yyyy') : value;
}

export function formatDateTime(value: string | undefined): string {
  if (value === undefined || value === '') return '—';
  const date = parseISO(value);
  return isValid(date) ? format(date, 'd MMM yyyy, HH:mm') : value;
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
