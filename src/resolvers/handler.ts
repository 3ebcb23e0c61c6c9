import type { ResolverApi } from './api';
import type { ResolverResponse } from './response';
import type { AppServices, CallerContext } from './services';

/** One resolver of the API: what the UI's `invoke(name, payload)` runs, with the caller's Forge context. */
export type Handler<K extends keyof ResolverApi> = (
  services: AppServices,
  payload: ResolverApi[K]['payload'],
  context: CallerContext,
) => Promise<ResolverResponse<ResolverApi[K]['result']>>;
