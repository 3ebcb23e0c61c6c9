import { invoke } from '@forge/bridge';
import type { ResolverApi, ResolverName } from '../../../src/resolvers/api';
import type { ResolverResponse } from '../../../src/resolvers/response';

export type Payload<K extends ResolverName> = ResolverApi[K]['payload'];
export type Result<K extends ResolverName> = ResolverApi[K]['result'];

/**
 * Calls a resolver with its typed payload. Resolvers answer ResolverResponse themselves; what the bridge throws
 * (no connection, a function that crashed, a timeout) and anything that is not a ResolverResponse comes back as
 * an INTERNAL error, so a view handles every failure the same way.
 */
export async function call<K extends ResolverName>(name: K, payload: Payload<K>): Promise<ResolverResponse<Result<K>>> {
  try {
    const response: unknown = await invoke(name, payload);
    if (isResolverResponse(response)) return response as ResolverResponse<Result<K>>;
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `The app's ${name} function gave an answer the page does not understand.` },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `The call to the app's ${name} function failed: ${message}` },
    };
  }
}

function isResolverResponse(value: unknown): value is ResolverResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'data' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}
