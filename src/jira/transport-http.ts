import {
  buildQueryString,
  headersToRecord,
  readBody,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from './transport';

export interface HttpTransportOptions {
  /** Site root, e.g. `https://example.atlassian.net` or the emulator's `http://127.0.0.1:PORT`. */
  baseUrl: string;
  email: string;
  apiToken: string;
  /** A request that has not answered by then is abandoned (and counts as a transient failure). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Plain HTTPS with Basic auth (e-mail + API token), as Atlassian documents for scripts and the CLI. */
export class HttpTransport implements JiraTransport {
  readonly name = 'http';
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpTransportOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.baseUrl);
    } catch {
      throw new Error(`Not a valid site URL: "${options.baseUrl}" (expected e.g. https://your-site.atlassian.net)`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error(`Site URL must use http or https: "${options.baseUrl}"`);
    }
    this.baseUrl = parsed.origin + parsed.pathname.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async send(request: JiraRequest): Promise<JiraResponse> {
    const url = `${this.baseUrl}${request.path}${buildQueryString(request.query)}`;
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.authorization };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.status, headers: headersToRecord(response.headers), ...(await readBody(response)) };
  }
}
