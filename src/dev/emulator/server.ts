import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { RestUser } from '../../jira/snapshot';
import { JiraHttpError, type JiraErrorBody } from './errors';
import { pageToken, withoutProject, type Fault, type Faults } from './faults';
import type { QueryParams } from './params';
import type { PointsBucket } from './points';
import type { Answer, RequestContext, Route } from './route';
import { agileRoutes } from './routes/agile';
import { changelogRoutes } from './routes/changelog';
import { platformRoutes } from './routes/platform';
import { personalDataRoute, type AccountStatuses } from './routes/personal-data';
import { searchRoutes } from './routes/search';
import { Site } from './site';
import { UNMATCHED_ROUTE, type StatsRecorder } from './stats';

export const STATS_PATH = '/__emulator/stats';
const JSON_TYPE = 'application/json;charset=UTF-8';
const PROBLEM_TYPE = 'application/problem+json;charset=UTF-8';
const UNAUTHENTICATED = 'Client must be authenticated to access this resource.';
const TEXT_TYPE = 'text/plain;charset=UTF-8';
/** Injected failures, drawn uniformly: Jira's own 500 and the gateway's 502/503/504. */
const FAILURE_STATUSES = [500, 502, 503, 504] as const;
const GATEWAY_TEXT = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as const;

export interface ServerSettings {
  /** Read on every request, so a test can swap the site the server answers from (see `replaceSnapshot`). */
  site: Site;
  stats: StatsRecorder;
  bucket?: PointsBucket;
  latencyMs: number;
  failRate: number;
  random: () => number;
  /** The site's clock (epoch milliseconds) handlers see as "now". */
  siteNow: () => number;
  faults: Faults;
  /** Aborted when the emulator closes: hung and delayed requests let go of their connections then. */
  closing: AbortSignal;
  /** What the personal data reporting API answers about accounts. */
  accounts: AccountStatuses;
}

interface Outgoing {
  status: number;
  type: string;
  payload: string;
  headers?: Record<string, string>;
}

const ROUTES: readonly Route[] = [...platformRoutes, ...searchRoutes, ...changelogRoutes, ...agileRoutes];

function json(status: number, body: unknown): Outgoing {
  return { status, type: JSON_TYPE, payload: JSON.stringify(body) };
}

function errorBody(message: string): JiraErrorBody {
  return { errorMessages: [message], errors: {} };
}

function injectedFailure(draw: number): Outgoing {
  const status = FAILURE_STATUSES[Math.floor(draw * FAILURE_STATUSES.length)] ?? 500;
  // Jira documents that a transient 503 may carry Retry-After.
  return failure(status, status === 503 ? 1 : undefined);
}

function failure(status: (typeof FAILURE_STATUSES)[number], retryAfterSeconds: number | undefined): Outgoing {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (status === 500) return { ...json(500, errorBody('Internal server error')), headers };
  return { status, type: TEXT_TYPE, payload: GATEWAY_TEXT[status], headers };
}

/** Resolves when the signal is aborted; never, while it is not. */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Waits ms; false when the signal was aborted first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>We will be back soon.</h1></body></html>';

/**
 * Basic auth whose user part is an e-mail address or an account id of the snapshot; the password is not checked.
 * Account ids such as `557058:f58131cb-…` hold a colon, so every colon is tried as the separator, leftmost first.
 */
function authenticate(header: string | undefined, site: Site): RestUser | undefined {
  const credentials = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (credentials === undefined) return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  for (let separator = decoded.indexOf(':'); separator !== -1; separator = decoded.indexOf(':', separator + 1)) {
    const user = site.userByLogin(decoded.slice(0, separator));
    if (user) return user;
  }
  return site.userByLogin(decoded);
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function buildServer(settings: ServerSettings): FastifyInstance {
  const { stats, bucket } = settings;
  // Closing ends every connection at once, hung ones included, rather than waiting for them.
  const app = Fastify({ logger: false, forceCloseConnections: true });

  const send = async (reply: FastifyReply, outgoing: Outgoing): Promise<FastifyReply> => {
    if (settings.latencyMs > 0) await delay(settings.latencyMs);
    return reply
      .code(outgoing.status)
      .headers({ ...outgoing.headers, ...bucket?.headers() })
      .type(outgoing.type)
      .send(outgoing.payload);
  };

  const answered = (route: string, points: number) => {
    stats.charge(route, points);
    bucket?.spend(points);
  };

  const handle = (route: Route, request: FastifyRequest, user: RestUser): Answer => {
    const origin = `${request.protocol}://${request.host}`;
    const site = settings.site;
    const context: RequestContext = {
      site,
      viewer: site.viewerOf(user),
      origin,
      url: new URL(request.url, origin),
      now: settings.siteNow(),
      params: request.params as Record<string, string>,
      query: request.query as QueryParams,
      body: request.body,
    };
    try {
      return route.handle(context);
    } catch (error) {
      if (error instanceof JiraHttpError) return { status: error.status, body: error.body(), objects: 0 };
      return { status: 500, body: errorBody(error instanceof Error ? error.message : String(error)), objects: 0 };
    }
  };

  const serve = async (route: Route, request: FastifyRequest, reply: FastifyReply) => {
    const name = `${route.method} ${route.url}`;
    stats.request(name);
    const user = authenticate(request.headers.authorization, settings.site);
    if (!user) {
      answered(name, 1);
      const realm = encodeURIComponent(`${request.protocol}://${request.host}`);
      return send(reply, {
        status: 401,
        type: TEXT_TYPE,
        payload: UNAUTHENTICATED,
        headers: { 'www-authenticate': `OAuth realm="${realm}"` },
      });
    }
    const retryAfter = bucket?.retryAfterSeconds() ?? 0;
    if (bucket && retryAfter > 0) {
      stats.throttled();
      return send(reply, {
        ...json(429, errorBody('Rate limit exceeded.')),
        headers: bucket.refusalHeaders(retryAfter),
      });
    }
    const fault = settings.faults.take({
      method: request.method,
      path: pathOf(request.url),
      query: request.query as QueryParams,
      body: request.body,
    });
    if (fault) return serveFault(fault, name, route, request, reply, user);
    return serveAnswer(name, route, request, reply, user);
  };

  const serveAnswer = async (
    name: string,
    route: Route,
    request: FastifyRequest,
    reply: FastifyReply,
    user: RestUser,
    change?: (body: unknown) => unknown,
  ) => {
    if (settings.failRate > 0 && settings.random() < settings.failRate) {
      stats.failed();
      return send(reply, injectedFailure(settings.random()));
    }
    const answer = handle(route, request, user);
    answered(name, 1 + answer.objects);
    if (answer.status === 204) return send(reply, { status: 204, type: TEXT_TYPE, payload: '' });
    return send(reply, json(answer.status ?? 200, change ? change(answer.body) : answer.body));
  };

  /** A broken answer is not charged, like a 429 or a 5xx: the caller got nothing it could use. */
  const serveFault = async (
    fault: Fault,
    name: string,
    route: Route,
    request: FastifyRequest,
    reply: FastifyReply,
    user: RestUser,
  ) => {
    switch (fault.kind) {
      case 'throttle':
        stats.throttled();
        return send(reply, {
          ...json(429, errorBody('Rate limit exceeded.')),
          headers: { 'retry-after': String(fault.retryAfterSeconds) },
        });
      case 'status':
        stats.failed();
        return send(reply, failure(fault.status, fault.retryAfterSeconds));
      case 'refuse':
        answered(name, 1);
        return send(reply, json(fault.status, errorBody(fault.message)));
      case 'hang':
        reply.hijack();
        await untilAborted(settings.closing);
        request.raw.socket.destroy();
        return reply;
      case 'stall': {
        const payload = JSON.stringify(handle(route, request, user).body);
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload) });
        reply.raw.write(payload.slice(0, Math.floor(payload.length / 2)));
        await untilAborted(settings.closing);
        request.raw.socket.destroy();
        return reply;
      }
      case 'delay':
        if (!(await pause(fault.ms, settings.closing))) {
          reply.hijack();
          request.raw.socket.destroy();
          return reply;
        }
        return serveAnswer(name, route, request, reply, user);
      case 'invalid-json':
        return send(reply, { status: 200, type: JSON_TYPE, payload: '[object Object]' });
      case 'truncated-json': {
        const payload = JSON.stringify(handle(route, request, user).body);
        return send(reply, { status: 200, type: JSON_TYPE, payload: payload.slice(0, Math.floor(payload.length / 2)) });
      }
      case 'html':
        return send(reply, { status: 200, type: 'text/html;charset=UTF-8', payload: HTML_PAGE });
      case 'repeat-page-token': {
        const token = pageToken({ query: request.query as QueryParams, body: request.body });
        return serveAnswer(name, route, request, reply, user, (body) =>
          isRecord(body) ? { ...body, nextPageToken: token, ...('isLast' in body ? { isLast: false } : {}) } : body,
        );
      }
      case 'remove-project':
        settings.site = new Site(withoutProject(settings.site.snapshot, fault.projectKey));
        return serveAnswer(name, route, request, reply, user);
    }
  };

  for (const route of [...ROUTES, personalDataRoute(settings.accounts)]) {
    app.route({ method: route.method, url: route.url, handler: (request, reply) => serve(route, request, reply) });
  }

  app.get(STATS_PATH, async (_request, reply) => reply.type(JSON_TYPE).send(JSON.stringify(stats.snapshot())));

  app.setNotFoundHandler(async (request, reply) => {
    stats.request(UNMATCHED_ROUTE);
    answered(UNMATCHED_ROUTE, 1);
    const path = pathOf(request.url);
    const problem = {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `No endpoint ${request.method} ${path}.`,
      instance: path,
    };
    return send(reply, { status: 404, type: PROBLEM_TYPE, payload: JSON.stringify(problem) });
  });

  // Only what fails before a route runs lands here: a body that is not JSON, an unsupported media type.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const route = `${request.method} ${request.routeOptions.url ?? UNMATCHED_ROUTE}`;
    stats.request(route);
    answered(route, 1);
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    return send(reply, json(status, errorBody(error.message)));
  });

  return app;
}
