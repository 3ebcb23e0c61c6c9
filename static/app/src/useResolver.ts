import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverName } from '../../../src/resolvers/api';
import type { ResolverError } from '../../../src/resolvers/response';
import { call, type Payload, type Result } from './api';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ResolverError };

/**
 * Calls a resolver when the payload changes and on reload(); poll() calls it again keeping what is shown until the
 * answer comes. A late answer to an older call is dropped.
 */
export function useResolver<K extends ResolverName>(
  name: K,
  payload: Payload<K>,
): { state: Loaded<Result<K>>; reload: () => void; poll: () => void; replace: (data: Result<K>) => void } {
  const [state, setState] = useState<Loaded<Result<K>>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(payload);

  useEffect(() => {
    const id = ++latest.current;
    setState({ status: 'loading' });
    void call(name, JSON.parse(key) as Payload<K>).then((response) => {
      if (id !== latest.current) return;
      setState(response.ok ? { status: 'ready', data: response.data } : { status: 'failed', error: response.error });
    });
  }, [name, key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const poll = useCallback(() => {
    const id = ++latest.current;
    void call(name, JSON.parse(key) as Payload<K>).then((response) => {
      if (id !== latest.current) return;
      setState(response.ok ? { status: 'ready', data: response.data } : { status: 'failed', error: response.error });
    });
  }, [name, key]);
  const replace = useCallback((data: Result<K>) => {
    latest.current++;
    setState({ status: 'ready', data });
  }, []);
  return { state, reload, poll, replace };
}
