import { customUiPolicy } from './csp';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditConfig } from '../../config/types';
import { JiraClient } from '../../jira/client';
import type { RestIssue, SiteSnapshot } from '../../jira/snapshot';
import { HttpTransport } from '../../jira/transport-http';
import type { ResolverName } from '../../resolvers/api';
import { MemoryJobQueue, runJob, runScheduledLocally } from '../../jobs';
import { HANDLERS, runHandler } from '../../resolvers/registry';
import { RULE_INFO } from '../../resolvers/rule-info';
import type { AppServices, CallerContext } from '../../resolvers/services';
import { RULE_METAS } from '../../rules';
import { BackgroundScanner, cachedProjectKeys } from '../../scan';
import { ConfigRepository } from '../../store/config-store';
import { MemoryStore } from '../../store/key-value';
import { APP_LOGIN, startEmulator, type RunningEmulator } from '../emulator';
import { BRIDGE_SCRIPT } from './bridge-script';
import { applyEdit, parseEdit } from './edit';
import { tokenStyles } from './tokens';
import { isoDay } from '../../horizon';
import { readUiModules, type UiModule } from './manifest-modules';
import { previewViews, type PreviewView, type ViewFocus, type ViewRequest } from './views';

export interface PreviewOptions {
  snapshot: SiteSnapshot;
  config: AuditConfig;
  /** The built Custom UI (`static/app/build`). */
  staticDir: string;
  port?: number;
  emulatorLatencyMs?: number;
  /** Which projects the listed views open on. */
  focus?: ViewFocus;
}

export interface RunningPreview {
  url: string;
  emulator: RunningEmulator;
  views: PreviewView[];
  /** What the background scan at start cached, and how long it took. */
  scan: { projectKeys: string[]; ms: number };
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Where the preview takes edits of the site while it runs (see `editHelp`). */
export const EDIT_PATH = '/__preview/edit';

/** A scan step in the preview may run until the project is done: there is no invocation limit to stay under. */
const PREVIEW_STEP_BUDGET_MS = 600_000;

/**
 * The local preview: the Jira emulator serving a site, the real resolvers behind a stand-in for the Forge bridge,
 * and the same built `static/` bundle Forge would serve — all on 127.0.0.1. Only the bridge differs from Jira.
 * At start the background scan pipeline fills the store, so panels read the cache as they do on Forge; the site's
 * clock (the snapshot's capture time, running) is the app's clock too, and `POST /__preview/edit` changes an issue
 * the way Jira would record it, for a refresh to pick up.
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const indexFile = path.join(options.staticDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`No built UI at ${options.staticDir}: run \`npm run build\` first.`);
  const emulator = await startEmulator(options.snapshot, {
    ...(options.emulatorLatencyMs ? { latencyMs: options.emulatorLatencyMs } : {}),
  });
  const store = new MemoryStore();
  await new ConfigRepository(store, RULE_METAS).saveSite(options.config, 0, {
    at: new Date(options.snapshot.capturedAt ?? Date.now()),
  });
  // Edits are made as the site admin; the app reads as itself (the emulator's app login): every issue, secured or not.
  const editor =
    Object.entries(options.snapshot.permissions ?? {}).find(([, grant]) => grant.admin)?.[0] ??
    options.snapshot.users[0]?.accountId ??
    '';
  const client = (accountId: string) =>
    new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: accountId, apiToken: 'preview' }));
  const now = () => emulator.siteNow();
  const jobServices = {
    jira: () => client(APP_LOGIN),
    store,
    queue: new MemoryJobQueue(),
    scanner: new BackgroundScanner(),
    now,
    stepBudgetMs: PREVIEW_STEP_BUDGET_MS,
  };
  const services = (accountId: string): AppServices => ({
    jiraAsUser: () => client(accountId),
    jiraAsApp: () => client(APP_LOGIN),
    store,
    now,
    // Forge queues the audit job; the preview runs it before answering, so a saved setting shows at once.
    requestAudit: async () => void (await runJob({ type: 'audit' }, jobServices)),
  });
  const scanStarted = Date.now();
  try {
    await runScheduledLocally(jobServices);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const scan = { projectKeys: await cachedProjectKeys(store), ms: Date.now() - scanStarted };
  let site = options.snapshot;
  /** The preview's own address, known once it listens; the index page shows it in the edit example. */
  let url = '';

  const app: FastifyInstance = Fastify({ logger: false });
  const views = previewViews(options.snapshot, options.focus);
  const knownUsers = new Set(options.snapshot.users.map((user) => user.accountId));
  const uiModules = readUiModules();
  const issuesByKey = new Map(options.snapshot.issues.map((issue) => [issue.key, issue]));

  app.get('/', async (_, reply) =>
    reply.type('text/html; charset=utf-8').send(indexPage(views, options.snapshot, scan.projectKeys, url)),
  );

  app.get('/app/', async (request, reply) => {
    const view = parseViewRequest(
      request.query as Record<string, string | undefined>,
      knownUsers,
      uiModules,
      issuesByKey,
    );
    if ('error' in view) return reply.code(400).type('text/plain').send(view.error);
    const html = await readFile(indexFile, 'utf8');
    const context = JSON.stringify({ ...view, siteUrl: options.snapshot.baseUrl }).replace(/</g, '\\u003c');
    const injected = `<script type="application/json" id="forge-preview-context">${context}</script><script src="/__preview/bridge.js"></script>`;
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', customUiPolicy())
      .send(html.replace(/<head>/i, `<head>${injected}`));
  });

  app.get('/app/*', async (request, reply) => {
    const relative = (request.params as { '*': string })['*'];
    const file = path.resolve(options.staticDir, relative);
    if (!file.startsWith(path.resolve(options.staticDir) + path.sep) || !existsSync(file))
      return reply.code(404).send('Not found');
    return reply.type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream').send(await readFile(file));
  });

  app.get('/__preview/bridge.js', async (_, reply) => reply.type('text/javascript; charset=utf-8').send(BRIDGE_SCRIPT));
  app.get('/__preview/tokens.css', async (_, reply) => reply.type('text/css; charset=utf-8').send(tokenStyles()));
  app.get('/__preview/views', async () => views);
  app.get('/__preview/rules', async () => RULE_INFO);

  app.post('/__preview/invoke', async (request, reply) => {
    const body = request.body as { functionKey?: unknown; payload?: unknown; context?: CallerContext } | undefined;
    const name = body?.functionKey;
    if (typeof name !== 'string' || !(name in HANDLERS))
      return reply.code(400).send({ message: `Unknown resolver ${String(name)}` });
    const accountId = body?.context?.accountId;
    if (!accountId || !knownUsers.has(accountId))
      return reply.code(401).send({ message: 'The preview page names no known user.' });
    return runHandler(name as ResolverName, services(accountId), (body?.payload ?? {}) as never, body?.context ?? {});
  });

  app.post(EDIT_PATH, async (request, reply) => {
    const edit = parseEdit(request.body);
    if ('error' in edit) return reply.code(400).send({ message: edit.error });
    const outcome = applyEdit(site, edit, emulator.siteNow(), editor);
    if (!outcome.ok)
      return reply.code(outcome.message.startsWith('The site has no') ? 404 : 400).send({ message: outcome.message });
    site = outcome.snapshot;
    emulator.replaceSnapshot(site);
    return { issueKey: outcome.issueKey, changed: outcome.changed, updated: outcome.updated, by: outcome.by };
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  url = address.replace('localhost', '127.0.0.1');
  return {
    url,
    emulator,
    views: views.map((view) => ({ ...view, url: `${url}${view.url}` })),
    scan,
    close: async () => {
      await app.close();
      await emulator.close();
    },
  };
}

function parseViewRequest(
  query: Record<string, string | undefined>,
  knownUsers: Set<string>,
  modules: readonly UiModule[],
  issues: ReadonlyMap<string, RestIssue>,
): ViewRequest | { error: string } {
  const module = modules.find((candidate) => candidate.type === query.module);
  if (!module) return { error: `module must be one of: ${modules.map((candidate) => candidate.type).join(', ')}` };
  if (!query.as || !knownUsers.has(query.as)) return { error: 'as must be the account id of a user of the demo site' };
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);
  const extension: ViewRequest['extension'] = { type: module.type };
  if (number(query.board)) extension.board = { id: number(query.board)! };
  if (number(query.sprint)) extension.sprint = { id: number(query.sprint)! };
  if (query.project && /^[A-Z][A-Z0-9_]*$/.test(query.project)) extension.project = { key: query.project };
  const issue = query.issue ? issues.get(query.issue) : undefined;
  if (issue) {
    extension.issue = { key: issue.key, id: issue.id };
    extension.project = { key: issue.key.slice(0, issue.key.lastIndexOf('-')) };
  }
  return { accountId: query.as, moduleKey: module.key, extension };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** How to edit the running site, for the index page, the startup output and --help. */
export function editHelp(url: string, example: { issueKey: string; duedate: string }): string[] {
  return [
    `Edit an issue while the preview runs (Jira records it as edited now by the site admin, or by "by": an account id),`,
    `then press Refresh in a panel to see the change:`,
    `  curl -X POST ${url}${EDIT_PATH} -H 'content-type: application/json' -d '{"issueKey":"${example.issueKey}","duedate":"${example.duedate}"}'`,
    `Fields: "summary" (text), "duedate" (YYYY-MM-DD or null).`,
  ];
}

function indexPage(views: PreviewView[], snapshot: SiteSnapshot, cached: readonly string[], url: string): string {
  const rows = views
    .map(
      (view) =>
        `<li><a href="${escapeHtml(view.url)}">${escapeHtml(view.title)}</a> — ${escapeHtml(view.description)} (<a href="${escapeHtml(view.url)}&amp;theme=dark">dark</a>)</li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Role Boundary Auditor — local preview</title></head>
<body><main><h1>Role Boundary Auditor — local preview</h1>
<p>The demo site ${escapeHtml(snapshot.baseUrl)} served by a local Jira emulator; each link opens a module as the person Jira would show it to.</p>
<ul>${rows}</ul>
<h2>Background scan and refresh</h2>
<p>At start the preview ran the background scan over the site: ${cached.length > 0 ? `projects ${escapeHtml(cached.join(', '))} are cached` : 'nothing could be cached'}, and panels read the cache. The site's clock starts at the snapshot's capture time and runs.</p>
<pre>${escapeHtml(editHelp(url, exampleEdit(snapshot)).join('\n'))}</pre>
<form method="post" action="${EDIT_PATH}" onsubmit="event.preventDefault(); const data = Object.fromEntries(new FormData(this)); for (const key of Object.keys(data)) if (data[key] === '') delete data[key]; fetch(this.action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) }).then((r) => r.text()).then((text) => { this.querySelector('output').textContent = text; });">
<label>Issue key <input name="issueKey" required value="${escapeHtml(exampleEdit(snapshot).issueKey)}"></label>
<label>Summary <input name="summary"></label>
<label>Due date <input name="duedate" placeholder="YYYY-MM-DD"></label>
<button>Edit</button> <output role="status"></output></form></main></body></html>`;
}

/** An issue of the site with a due date, for the edit example: moving it is something the audit notices. */
export function exampleEdit(snapshot: SiteSnapshot): { issueKey: string; duedate: string } {
  const issue = snapshot.issues.find((candidate) => typeof candidate.fields.duedate === 'string') ?? snapshot.issues[0];
  return { issueKey: issue?.key ?? 'KEY-1', duedate: snapshot.capturedAt ? isoDay(snapshot.capturedAt) : '2026-01-01' };
}
