/** @needs-shared jira-openapi */
import fs from 'node:fs';
import path from 'node:path';
import { NON_READ_SCOPES_ALLOWED, parseManifest, scopeNames } from './check-manifest';

/**
 * Every Jira endpoint the app reads, and the scopes manifest.yml must hold for them. A scope the
 * manifest holds that no endpoint here needs is as much a failure as a missing one.
 */
const READ_ENDPOINTS: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/rest/api/3/field'],
  ['GET', '/rest/api/3/project/search'],
  ['GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}'],
  ['GET', '/rest/api/3/myself'],
  ['GET', '/rest/api/3/mypermissions'],
  ['GET', '/rest/api/3/search/jql'],
  ['POST', '/rest/api/3/search/jql'],
  ['POST', '/rest/api/3/changelog/bulkfetch'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/changelog'],
  ['GET', '/rest/api/3/issue/{issueIdOrKey}/comment'],
  ['GET', '/rest/api/3/group/member'],
  ['GET', '/rest/api/3/group/bulk'],
  ['GET', '/rest/api/3/users/search'],
  ['GET', '/rest/agile/1.0/board'],
  ['GET', '/rest/agile/1.0/board/{boardId}/sprint'],
  ['GET', '/rest/agile/1.0/sprint/{sprintId}/issue'],
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

  it('holds no scope that none of those endpoints needs, besides app storage', () => {
    const needed = new Set(READ_ENDPOINTS.flatMap(([method, apiPath]) => grantingSets(method, apiPath).flat()));
    const unneeded = [...held].filter((scope) => !needed.has(scope) && !NON_READ_SCOPES_ALLOWED.includes(scope));
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
