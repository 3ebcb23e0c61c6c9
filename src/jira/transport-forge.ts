import api, { assumeTrustedRoute } from '@forge/api';
import {
  buildQueryString,
  headersToRecord,
  readBody,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from './transport';

export type ForgeIdentity = 'user' | 'app';

/**
 * Jira through Forge's product fetch. Panels read as the viewing user (`asUser`), so Jira's own permission
 * checks apply; background work reads as the app (`asApp`) and must be filtered before it reaches a person.
 * Paths are built by our endpoint functions from encoded segments, which is why the route is trusted.
 */
export class ForgeTransport implements JiraTransport {
  readonly name: string;

  constructor(private readonly identity: ForgeIdentity) {
    this.name = `forge-${identity}`;
  }

  async send(request: JiraRequest): Promise<JiraResponse> {
    const requester = this.identity === 'user' ? api.asUser() : api.asApp();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await requester.requestJira(
      assumeTrustedRoute(`${request.path}${buildQueryString(request.query)}`),
      {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      },
    );
    return { status: response.status, headers: headersToRecord(response.headers), ...(await readBody(response)) };
  }
}
