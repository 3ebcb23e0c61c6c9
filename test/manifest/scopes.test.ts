/** @needs-shared jira-openapi */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { NON_READ_SCOPES_ALLOWED, parseManifest, scopeNames } from './check-manifest';

/**
 * Every Jira endpoint the app reads, and the scopes manifest.yml must hold for them. The list is checked against
 * the calls the code makes (below); a scope the manifest holds that the endpoints do not need is as much a failure
 * as a missing one.
 */
const READ_ENDPOINTS: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/rest/api/3/field'],
  ['GET', '/rest/api/3/project/search'],
  ['GET', '/rest/api/3/project/{projectIdOrKey}/role'],
  ['GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}'],
  ['GET', '/rest/api/3/mypermissions'],
  ['POST', '/rest/api/3/permissions/check'],
  ['GET', '/rest/api/3/project/{projectIdOrKey}'],
  ['POST', '/rest/api/3/search/jql'],
  ['POST', '/rest/api/3/search/approximate-count'],
  ['POST', '/rest/api/3/changelog/bulkfetch'],
  ['POST', '/rest/api/3/issue/bulkfetch'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/changelog'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/comment'],
  ['GET', '/rest/api/3/group/member'],
  ['GET', '/rest/api/3/group/bulk'],
  ['GET', '/rest/agile/1.0/board'],
  ['GET', '/rest/agile/1.0/board/{boardId}'],
  ['GET', '/rest/agile/1.0/board/{boardId}/sprint'],
];

/** Endpoints the app reads that Jira lets anyone call: they need no scope at all. */
const OPEN_ENDPOINTS: ReadonlyArray<readonly [method: string, path: string]> = [['GET', '/rest/api/3/serverInfo']];

/**
 * The stored Jira Software spec (2023) lists no scope for this operation; Atlassian's current reference
 * for "Get all boards" lists these two (Jira Software has no classic scopes).
 */
const SPEC_GAPS: Record<string, string[][]> = {
  'GET /rest/agile/1.0/board': [['read:board-scope:jira-software', 'read:project:jira']],
};

const SPEC_DIR = path.resolve(__dirname, '../../../shared/jira-openapi');
const SPEC_FILES = ['jira-platform-v3.json', 'jira-software-agile.json'];

type Operation = {
  'x-atlassian-oauth2-scopes'?: Array<{ scopes?: string[] }>;
  security?: Array<{ OAuth2?: string[]; basicAuth?: string[] }>;
};
type Spec = { paths: Record<string, Record<string, Operation | undefined> | undefined> };

function loadSpecs(): Spec[] {
  return SPEC_FILES.map((file) => JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8')) as Spec);
}

/** Each alternative set of scopes that grants the operation: the classic set, the granular set. */
function scopeSets(specs: Spec[], method: string, apiPath: string): string[][] {
  const gap = SPEC_GAPS[`${method} ${apiPath}`];
  if (gap) return gap;
  const operation = specs.map((spec) => spec.paths[apiPath]?.[method.toLowerCase()]).find((op) => op !== undefined);
  if (operation === undefined) throw new Error(`${method} ${apiPath} is not in the Jira OpenAPI specs`);
  const fromExtension = (operation['x-atlassian-oauth2-scopes'] ?? []).map((entry) => entry.scopes ?? []);
  const fromSecurity = (operation.security ?? []).map((entry) => entry.OAuth2 ?? []);
  return [...fromExtension, ...fromSecurity].filter((set) => set.length > 0);
}

const SOURCE_DIR = path.resolve(__dirname, '../../src');
/** The emulator serves Jira's paths rather than calling them; importers read files. */
const NOT_CALLING_JIRA = ['dev', 'jira/import', 'bench'].map((dir) => path.join(SOURCE_DIR, dir) + path.sep);

interface JiraCall {
  method: string;
  /** The path with each interpolation as `{}`. */
  path: string;
  at: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return NOT_CALLING_JIRA.includes(full + path.sep) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Every Jira path the app's code names (a string or template starting with `/rest/`), with the method of the call
 * that sends it: `client.get`/`readAllOffsetPages` (GET) or `client.post` (POST). A path sent any other way has no
 * method here and fails the test, so that no call escapes the check.
 */
function jiraCallsInCode(): JiraCall[] {
  const calls: JiraCall[] = [];
  for (const file of sourceFiles(SOURCE_DIR)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const text =
        ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
          ? node.text
          : ts.isTemplateExpression(node)
            ? node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('')
            : undefined;
      if (text?.startsWith('/rest/')) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        calls.push({ method: methodOf(node), path: text, at: `${path.relative(SOURCE_DIR, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

function methodOf(node: ts.Node): string {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call)) return 'unknown';
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return { get: 'GET', readAllOffsetPages: 'GET', post: 'POST' }[name] ?? 'unknown';
}

/** Whether a path named in code (`{}` for what it interpolates) is the spec's path (`{name}` for its parameters). */
function sameEndpoint(codePath: string, specPath: string): boolean {
  const code = codePath.split('/');
  const spec = specPath.split('/');
  return code.length === spec.length && code.every((part, index) => part === spec[index]!.replace(/^\{\w+\}$/, '{}'));
}

describe('the Jira calls the code makes', () => {
  const calls = jiraCallsInCode();
  const listed = [...READ_ENDPOINTS, ...OPEN_ENDPOINTS];

  it('are found, each with its method', () => {
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.filter((call) => call.method === 'unknown')).toEqual([]);
  });

  it('are each an endpoint listed here, so that its scopes are checked', () => {
    const unlisted = calls.filter(
      (call) => !listed.some(([method, specPath]) => method === call.method && sameEndpoint(call.path, specPath)),
    );
    expect(unlisted).toEqual([]);
  });

  it('use every endpoint listed here, so that no scope is held for a call the code no longer makes', () => {
    const unused = listed.filter(
      ([method, specPath]) => !calls.some((call) => method === call.method && sameEndpoint(call.path, specPath)),
    );
    expect(unused).toEqual([]);
  });
});

describe('manifest scopes against the endpoints the app reads', () => {
  const manifest = parseManifest(path.resolve(__dirname, '../../manifest.yml'));
  const held = new Set(manifest === null ? [] : scopeNames(manifest));
  const specs = loadSpecs();
  const grantingSets = (method: string, apiPath: string) =>
    scopeSets(specs, method, apiPath).filter((set) => set.every((scope) => held.has(scope)));

  it.each(READ_ENDPOINTS)('%s %s is granted by the scopes held', (method, apiPath) => {
    expect(scopeSets(specs, method, apiPath)).not.toEqual([]);
    expect(grantingSets(method, apiPath)).not.toEqual([]);
  });

  it.each(OPEN_ENDPOINTS)('%s %s needs no scope', (method, apiPath) => {
    const operation = specs.map((spec) => spec.paths[apiPath]?.[method.toLowerCase()]).find((op) => op !== undefined);
    expect(operation).toBeDefined();
    expect(scopeSets(specs, method, apiPath)).toEqual([]);
    expect(operation?.security).toContainEqual({});
  });

  it('holds no scope those endpoints can do without, besides app storage', () => {
    // A scope is needed when without it some endpoint would be granted by none of its scope sets.
    const grantedWithout = (dropped: string) =>
      READ_ENDPOINTS.every(([method, apiPath]) =>
        scopeSets(specs, method, apiPath).some((set) => set.every((scope) => scope !== dropped && held.has(scope))),
      );
    const unneeded = [...held].filter((scope) => !NON_READ_SCOPES_ALLOWED.includes(scope) && grantedWithout(scope));
    expect(unneeded).toEqual([]);
    expect([...held]).toEqual(expect.arrayContaining([...NON_READ_SCOPES_ALLOWED]));
  });

  it('reads group members through granular scopes, because the classic scope for it is manage:jira-configuration', () => {
    const sets = scopeSets(specs, 'GET', '/rest/api/3/group/member');
    expect(sets).toContainEqual(['manage:jira-configuration']);
    expect(grantingSets('GET', '/rest/api/3/group/member')).toEqual([
      ['read:group:jira', 'read:user:jira', 'read:avatar:jira'],
    ]);
  });
});
