import { fork, type ChildProcess } from 'node:child_process';

/**
 * Calls into a child process over Node's IPC channel, so that the benchmark can keep the emulator and each
 * measurement in processes of their own (their memory and CPU apart) while the same objects also run in one
 * process for the smoke test. Arguments and results are plain JSON.
 */

/** An object whose public members are all async methods (`any` for the arguments: `Remote` restores their types). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any[] is what lets every method's own parameters through
export type Methods<T> = { [K in keyof T]: (...args: any[]) => Promise<unknown> };

/** An object's async methods, as seen from the other side of the channel. */
export type Remote<T extends Methods<T>> = {
  [K in keyof T]: (...args: Parameters<T[K]>) => Promise<Awaited<ReturnType<T[K]>>>;
} & {
  /** Ends the child process (in process: nothing to end). */
  close(): Promise<void>;
};

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

type Reply = { id: number; result: unknown } | { id: number; error: string };

/** In the child: answers calls on `target`'s methods until the parent disconnects. */
export function serveOverIpc<T extends Methods<T>>(target: T): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveOverIpc needs to run in a process started with an IPC channel (child_process.fork)');
  process.on('message', (call: Call) => {
    const method = (target as Record<string, unknown>)[call.method];
    const answer =
      typeof method === 'function'
        ? (method.apply(target, call.args) as Promise<unknown>)
        : Promise.reject(new Error(`no method ${call.method}`));
    answer.then(
      (result) => send({ id: call.id, result } satisfies Reply),
      (error: unknown) =>
        send({
          id: call.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/** Starts `modulePath` (which calls `serveOverIpc`) and returns a proxy for its methods. */
export function forkRemote<T extends Methods<T>>(modulePath: string, execArgv: string[] = []): Remote<T> {
  const child: ChildProcess = fork(modulePath, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (reason: string) => {
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
  };
  child.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.result);
  });
  child.on('exit', (code, signal) => failAll(`${modulePath} exited (${signal ?? `code ${code}`}) with calls pending`));
  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, method, args } satisfies Call);
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
    });
  return new Proxy({} as Remote<T>, {
    // `then` stays undefined so that a proxy returned from an async function is not taken for a promise.
    get: (_target, property) =>
      property === 'then'
        ? undefined
        : property === 'close'
          ? close
          : (...args: unknown[]) => call(String(property), args),
  });
}

/** The same shape without a process in between: what the smoke test uses. */
export function localRemote<T extends Methods<T>>(
  target: T,
  close: () => Promise<void> = async () => undefined,
): Remote<T> {
  return new Proxy({} as Remote<T>, {
    get: (_target, property) => {
      if (property === 'then') return undefined;
      if (property === 'close') return close;
      const method = (target as Record<string, unknown>)[String(property)] as (...args: unknown[]) => Promise<unknown>;
      // A JSON round trip, as over IPC, so the in-process run passes exactly what a child process would.
      return async (...args: unknown[]) =>
        JSON.parse(
          JSON.stringify((await method.apply(target, JSON.parse(JSON.stringify(args)) as unknown[])) ?? null),
        ) as unknown;
    },
  });
}
