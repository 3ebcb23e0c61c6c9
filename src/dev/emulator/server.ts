import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { RestUser } from '../../jira/snapshot';
import { JiraHttpError, type JiraErrorBody } from './errors';
import type { QueryParams } from './params';
import type { PointsBucket } from './points';
import type { Answer, RequestContext, Route } from './route';
import { agileRoutes } from './routes/agile';
import { changelogRoutes } from './routes/changelog';
import { platformRoutes } from './routes/platform';
import { searchRoutes } from './routes/search';
import type { Site } from './site';
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
  if (status === 500) return json(500, errorBody('Internal server error'));
  // Jira documents that a transient 503 may carry Retry-After.
  return { status, type: TEXT_TYPE, payload: GATEWAY_TEXT[status], headers: status === 503 ? { 'retry-after': '1' } : {} };
}

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

export function buildServer(settings: ServerSettings): FastifyInstance {
  const { stats, bucket } = settings;
  const app = Fastify({ logger: false });

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
      return send(reply, { status: 401, type: TEXT_TYPE, payload: UNAUTHENTICATED, headers: { 'www-authenticate': `OAuth realm="${realm}"` } });
    }
    const retryAfter = bucket?.retryAfterSeconds() ?? 0;
    if (bucket && retryAfter > 0) {
      stats.throttled();
      return send(reply, { ...json(429, errorBody('Rate limit exceeded.')), headers: bucket.refusalHeaders(retryAfter) });
    }
    if (settings.failRate > 0 && settings.random() < settings.failRate) {
      stats.failed();
      return send(reply, injectedFailure(settings.random()));
    }
    const answer = handle(route, request, user);
    answered(name, 1 + answer.objects);
    return send(reply, json(answer.status ?? 200, answer.body));
  };

  for (const route of ROUTES) {
    app.route({ method: route.method, url: route.url, handler: (request, reply) => serve(route, request, reply) });
  }

  app.get(STATS_PATH, async (_request, reply) => reply.type(JSON_TYPE).send(JSON.stringify(stats.snapshot())));

  app.setNotFoundHandler(async (request, reply) => {
    stats.request(UNMATCHED_ROUTE);
    answered(UNMATCHED_ROUTE, 1);
    const path = request.url.split('?')[0] ?? request.url;
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: `No endpoint ${request.method} ${path}.`, instance: path };
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
