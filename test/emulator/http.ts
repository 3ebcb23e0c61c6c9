import { exampleShapeErrors, type JiraSpecs } from './openapi';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the answer is not JSON. */
  body: unknown;
}

export function basicAuth(login: string): string {
  return `Basic ${Buffer.from(`${login}:any-api-token`).toString('base64')}`;
}

export async function rawRequest(
  url: string,
  init: { method?: string; login?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.login !== undefined) headers['authorization'] = basicAuth(init.login);
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const replyHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    replyHeaders[key] = value;
  });
  return { status: response.status, headers: replyHeaders, body: isJson ? JSON.parse(text) : text };
}

/** Operations whose spec shows only an example: the agile sprint answers. */
const EXAMPLE_ONLY = new Set(['getAllSprints', 'getSprint']);

/** What is wrong with an answer of the emulator, judged by the spec of the operation it answers. */
export function conformanceErrors(specs: JiraSpecs, method: string, path: string, reply: Reply): string[] {
  if (typeof reply.body === 'string') return [];
  const operationId = specs.operation(method, path).operationId ?? '';
  const errors = specs.responseErrors(method, path, reply.status, reply.body);
  if (reply.status >= 400) return [...errors, ...specs.schemaErrors('ErrorCollection', reply.body)];
  if (operationId === 'getIssuesForSprint') return [...errors, ...specs.schemaErrors('SearchResults', reply.body)];
  if (EXAMPLE_ONLY.has(operationId))
    return [...errors, ...exampleShapeErrors(reply.body, specs.example(method, path, 200))];
  return errors;
}

/** A client for one emulator that checks every answer against the specs before handing it to the test. */
export class EmulatorClient {
  constructor(
    private readonly base: string,
    private readonly specs: JiraSpecs,
    private readonly login: string,
  ) {}

  as(login: string): EmulatorClient {
    return new EmulatorClient(this.base, this.specs, login);
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  post(path: string, body: unknown): Promise<Reply> {
    return this.request('POST', path, body);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Reply> {
    const reply = await rawRequest(`${this.base}${path}`, { method, login: this.login, body });
    const errors = conformanceErrors(this.specs, method, path, reply);
    if (errors.length > 0)
      throw new Error(`${method} ${path} answered ${reply.status} outside the spec:\n${errors.join('\n')}`);
    return reply;
  }
}
