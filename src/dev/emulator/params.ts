import { badRequest } from './errors';

/** A parsed query string: repeated names arrive as arrays. */
export type QueryParams = Record<string, string | string[] | undefined>;

export function firstParam(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a parameter Jira accepts both repeated and comma-separated (`fields`, `keys`, `state`…). */
export function listParam(query: QueryParams, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return splitList(values);
}

export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function intParam(query: QueryParams, name: string, fallback: number): number {
  const raw = firstParam(query, name);
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value)) throw badRequest(`Failed to convert '${name}' with value: '${raw}'`);
  return value;
}

export function boolParam(query: QueryParams, name: string, fallback: boolean): boolean {
  const raw = firstParam(query, name);
  return raw === undefined ? fallback : raw.trim().toLowerCase() === 'true';
}

export interface OffsetPage {
  startAt: number;
  maxResults: number;
}

/**
 * `startAt`/`maxResults` as Jira's offset-paged endpoints read them: negatives floor (startAt at 0, maxResults at
 * `floor`), and a page larger than the endpoint's cap is served at the cap.
 */
export function offsetPage(
  query: QueryParams,
  limits: { defaultMax: number; cap: number; floor?: number },
): OffsetPage {
  const startAt = Math.max(0, intParam(query, 'startAt', 0));
  const requested = intParam(query, 'maxResults', limits.defaultMax);
  return { startAt, maxResults: Math.min(limits.cap, Math.max(limits.floor ?? 0, requested)) };
}

export interface PageBean<T> {
  self: string;
  nextPage?: string;
  maxResults: number;
  startAt: number;
  total: number;
  isLast: boolean;
  values: T[];
}

/** A `PageBean…` page of `items`, with `self`/`nextPage` links built from the request's own URL. */
export function pageBean<T>(items: readonly T[], page: OffsetPage, url: URL): PageBean<T> {
  const values = items.slice(page.startAt, page.startAt + page.maxResults);
  const isLast = page.startAt + values.length >= items.length;
  const bean: PageBean<T> = {
    self: withPage(url, page.startAt, page.maxResults),
    maxResults: page.maxResults,
    startAt: page.startAt,
    total: items.length,
    isLast,
    values,
  };
  if (!isLast) bean.nextPage = withPage(url, page.startAt + values.length, page.maxResults);
  return bean;
}

function withPage(url: URL, startAt: number, maxResults: number): string {
  const link = new URL(url.href);
  link.searchParams.set('startAt', String(startAt));
  link.searchParams.set('maxResults', String(maxResults));
  return link.href;
}

/** Opaque continuation tokens: base64url JSON holding the offset and a fingerprint of the request they continue. */
export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

/** The offset a token continues from; 0 without a token; a 400 for a token that is not ours or not this request's. */
export function decodeToken(token: string | undefined, fingerprint: string): number {
  if (token === undefined || token === '') return 0;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const { o, f } = (payload ?? {}) as { o?: unknown; f?: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && f === fingerprint) return o;
  } catch {
    // fall through to the refusal
  }
  throw badRequest('The provided nextPageToken is invalid or has expired.');
}
