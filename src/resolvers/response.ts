/** The shape every resolver returns, so the UI handles failures without parsing thrown errors. */
export type ResolverErrorCode =
  'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT' | 'JIRA_UNAVAILABLE' | 'RATE_LIMITED' | 'INTERNAL';

export type ResolverError = { code: ResolverErrorCode; message: string; details?: unknown };

export type ResolverResponse<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export function ok<T>(data: T): ResolverResponse<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ResolverErrorCode, message: string, details?: unknown): ResolverResponse<T> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
