import { SingleBar } from 'cli-progress';
import type { RetryEvent } from '../jira/client';
import type { ReadProgress } from '../jira/read-site';

export interface ProgressReporter {
  onProgress(event: ReadProgress): void;
  onRetry(event: RetryEvent): void;
  stop(): void;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Plain lines at most this often within a phase, so a log shows the read moving without a line per page. */
const LINE_INTERVAL_MS = 5000;

/**
 * How a long live read shows it is alive: a bar on a terminal, plain lines anywhere else (a CI log, a pipe), and in
 * both every wait for Jira with its reason, so a read paused by rate limits never looks hung.
 */
export function progressReporter(output: Output, now: () => number = Date.now): ProgressReporter {
  return output.isTTY ? barReporter(output) : lineReporter(output, now);
}

export function describeWait(event: RetryEvent): string {
  const seconds = Math.max(1, Math.round(event.waitMs / 1000));
  if (event.status === 429) return `throttled by Jira (429): waiting ${seconds} s before going on`;
  const cause = event.status === 'network' ? 'a network failure' : `answer ${event.status}`;
  return `${event.request.method} ${event.request.path} got ${cause}: retrying in ${seconds} s (try ${event.attempt + 1})`;
}

function lineReporter(output: Output, now: () => number): ProgressReporter {
  let phase: string | undefined;
  let lastLine = 0;
  return {
    onProgress(event) {
      const time = now();
      if (event.phase === phase && time - lastLine < LINE_INTERVAL_MS) return;
      phase = event.phase;
      lastLine = time;
      output.write(`reading ${event.phase}: ${event.done}${event.total !== undefined ? `/${event.total}` : ''}\n`);
    },
    onRetry(event) {
      output.write(`${describeWait(event)}\n`);
    },
    stop() {},
  };
}

function barReporter(output: Output): ProgressReporter {
  const bar = new SingleBar({
    stream: output as NodeJS.WritableStream,
    format: 'reading {phase} {bar} {value}/{total} {note}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    onProgress(event) {
      const total = Math.max(event.total ?? event.done, 1);
      if (!started) {
        bar.start(total, event.done, { phase: event.phase, note: '' });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(event.done, { phase: event.phase, note: '' });
      }
    },
    onRetry(event) {
      if (started) bar.update({ note: describeWait(event) });
      else output.write(`${describeWait(event)}\n`);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
