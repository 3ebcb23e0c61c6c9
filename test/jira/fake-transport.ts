import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';

export type Scripted = JiraResponse | Error;

/** A transport that answers from a script, one entry per request, and remembers what it was asked. */
export class ScriptedTransport implements JiraTransport {
  readonly name = 'scripted';
  readonly sent: JiraRequest[] = [];

  constructor(private readonly answer: (request: JiraRequest, index: number) => Scripted) {}

  async send(request: JiraRequest): Promise<JiraResponse> {
    this.sent.push(request);
    const result = this.answer(request, this.sent.length - 1);
    if (result instanceof Error) throw result;
    return result;
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): JiraResponse {
  return { status, headers, body };
}

/** A clock that only moves when the code under test sleeps, so waits are measured exactly and cost no time. */
export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}
