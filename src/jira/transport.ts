/**
 * The one seam between the app and Jira. Adapters: Forge (`@forge/api` requestJira, as the user or as the app)
 * and plain HTTP (base URL + e-mail + API token) for the CLI and the local emulator.
 */

export type QueryValue = string | number | boolean | undefined | Array<string | number>;

export interface JiraRequest {
  method: 'GET' | 'POST';
  /** Path from the site root, starting with `/rest/`; path segments already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface JiraResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON (or undefined when empty). */
  body: unknown;
  /** True when the body claimed to be JSON but did not parse. */
  malformed?: boolean;
}

export interface JiraTransport {
  readonly name: string;
  send(request: JiraRequest): Promise<JiraResponse>;
}

export function buildQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const entry of value) params.append(key, String(entry));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function headersToRecord(headers: {
  forEach(callback: (value: string, key: string) => void): void;
}): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key.toLowerCase()] = value;
  });
  return record;
}

/** Reads a fetch-like response body: JSON when it parses, text otherwise. */
export async function readBody(response: {
  text(): Promise<string>;
  headers: { get(name: string): string | null };
}): Promise<Pick<JiraResponse, 'body' | 'malformed'>> {
  const text = await response.text();
  if (text === '') return { body: undefined };
  const looksJson = (response.headers.get('content-type') ?? '').includes('json');
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, malformed: looksJson };
  }
}

/**
 * Whether a transport failed because the user has not yet allowed the app to act for them: `@forge/api`'s
 * NeedsAuthenticationError (named `NEEDS_AUTHENTICATION_ERR`), thrown or carried as the cause of another error. It
 * is no failure to retry or report: Forge shows the consent prompt only when it reaches Forge from the function.
 */
export function needsUserConsent(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++)
    if (cause.name === 'NEEDS_AUTHENTICATION_ERR') return true;
  return false;
}
