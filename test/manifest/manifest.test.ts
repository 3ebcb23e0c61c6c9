import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ManifestSchema } from '@forge/manifest';
import { CONTENT_PERMISSIONS } from '../../src/dev/preview/csp';
import { generateDemoSite } from '../../src/dev/demo';
import { uiModulesOf } from '../../src/dev/preview/manifest-modules';
import { previewViews } from '../../src/dev/preview/views';
import { chooseView } from '../../static/app/src/context';
import { checkManifest, forgeValidate, parseManifest, type ManifestProblem } from './check-manifest';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.yml');

function loadManifest(): ManifestSchema {
  const manifest = parseManifest(MANIFEST);
  if (manifest === null) throw new Error('manifest.yml is not readable YAML');
  return manifest;
}

type UiModule = {
  key: string;
  resource?: string;
  render?: string;
  resolver?: { function?: string };
  title?: unknown;
  viewportSize?: unknown;
  useAsConfig?: boolean;
};
const uiModules = (manifest: ManifestSchema, type: string): UiModule[] =>
  (manifest.modules as Record<string, UiModule[] | undefined> | undefined)?.[type] ?? [];

/** The app's views, as manifest.yml declares them: the preview and the UI's view choice follow this list. */
const UI_MODULES = uiModulesOf(loadManifest());
const UI_MODULE_TYPES = UI_MODULES.map((module) => module.type);

describe('manifest.yml', () => {
  it("allows the Custom UI exactly the content the preview's policy allows (test/browser/csp.test.ts)", () => {
    expect(loadManifest().permissions?.content).toEqual(CONTENT_PERMISSIONS);
  });

  it('passes @forge/manifest full validation with no errors or warnings', async () => {
    expect(await forgeValidate(MANIFEST)).toEqual([]);
  });

  it('passes the handler-export, policy and storage checks too', async () => {
    expect(await checkManifest(MANIFEST)).toEqual([]);
  });

  it('declares, besides its views, only the background scan modules (test/jobs checks them) and functions', () => {
    const others = Object.keys(loadManifest().modules ?? {}).filter((type) => !UI_MODULE_TYPES.includes(type));
    expect(others.sort()).toEqual(['consumer', 'function', 'scheduledTrigger', 'trigger']);
  });

  it.each(UI_MODULES)('$type has a view in the UI and a link in the preview', ({ type }) => {
    const extension = { type, board: { id: '7' }, sprint: { id: '42' }, project: { key: 'PAY' } };
    expect(chooseView(extension).kind).not.toBe('unsupported');
    const linked = previewViews(generateDemoSite()).map((view) =>
      new URL(view.url, 'http://preview').searchParams.get('module'),
    );
    expect(linked).toContain(type);
  });

  it('is the list the preview links from: no view of a module the manifest lacks', () => {
    for (const view of previewViews(generateDemoSite()))
      expect(UI_MODULE_TYPES).toContain(new URL(view.url, 'http://preview').searchParams.get('module'));
  });

  it.each(UI_MODULE_TYPES)('%s renders the one Custom UI resource and talks to the resolver function', (type) => {
    const manifest = loadManifest();
    const [module, ...others] = uiModules(manifest, type);
    expect(others).toEqual([]);
    expect(module).toMatchObject({ resource: 'main', resolver: { function: 'resolver' } });
    expect(module?.render).toBeUndefined(); // Custom UI, not UI Kit
    expect(manifest.modules?.function).toContainEqual({ key: 'resolver', handler: 'index.handler' });
  });

  it.each(['jira:sprintAction', 'jira:boardAction', 'jira:backlogAction'])('%s opens in a sized modal', (type) => {
    expect(uiModules(loadManifest(), type)[0]?.viewportSize).toEqual(expect.stringMatching(/^(large|xlarge)$/));
  });

  it("makes the admin page the app's configuration page", () => {
    expect(uiModules(loadManifest(), 'jira:adminPage')[0]?.useAsConfig).toBe(true);
  });

  it('points the resource at a folder whose index.html is the app page', () => {
    const [resource, ...others] = loadManifest().resources ?? [];
    expect(others).toEqual([]);
    expect(resource?.key).toBe('main');
    const html = fs.readFileSync(path.join(ROOT, resource?.path ?? '', 'index.html'), 'utf8');
    expect(html).toContain('<title>Role Boundary Auditor</title>');
    // Custom UI's content security policy blocks inline scripts, and Forge serves the resource from a sub-path:
    // every script is a file, addressed relative to the page.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc="\.\//);
  });
});

describe('broken manifests are rejected', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rba-manifest-'));
  });

  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** Writes a changed copy of manifest.yml beside links to the real src/ and static/, as forge would see it. */
  function writeVariant(name: string, change: (manifest: ManifestSchema) => void): string {
    const dir = path.join(workDir, name.replace(/[^a-z0-9]+/gi, '-'));
    fs.mkdirSync(dir);
    for (const folder of ['src', 'static']) fs.symlinkSync(path.join(ROOT, folder), path.join(dir, folder), 'dir');
    const manifest = loadManifest();
    change(manifest);
    // JSON is YAML, so the copy needs no YAML writer.
    fs.writeFileSync(path.join(dir, 'manifest.yml'), JSON.stringify(manifest, null, 2));
    return path.join(dir, 'manifest.yml');
  }

  const sprintAction = (m: ManifestSchema): UiModule => {
    const module = uiModules(m, 'jira:sprintAction')[0];
    if (module === undefined) throw new Error('manifest.yml has no jira:sprintAction');
    return module;
  };
  const resolverFunction = (m: ManifestSchema) => {
    const fn = m.modules?.function?.[0];
    if (fn === undefined) throw new Error('manifest.yml has no function module');
    return fn;
  };
  const configEntity = (m: ManifestSchema) => {
    const entity = m.app.storage?.entities?.find(({ name }) => name === 'config-entry');
    if (entity === undefined) throw new Error('manifest.yml declares no config-entry entity');
    return entity;
  };
  const addScope = (m: ManifestSchema, scope: string) => {
    m.permissions = { ...m.permissions, scopes: [...((m.permissions?.scopes as string[] | undefined) ?? []), scope] };
  };

  it('accepts the unchanged copy (the harness itself adds no problems)', async () => {
    expect(await checkManifest(writeVariant('unchanged', () => undefined))).toEqual([]);
  });

  const cases: Array<[string, (m: ManifestSchema) => void, ManifestProblem['check'], RegExp]> = [
    [
      'a module points to a resource that is not declared',
      (m) => {
        sprintAction(m).resource = 'nowhere';
      },
      'forge',
      /nowhere/,
    ],
    [
      'a resolver points to a function that is not declared',
      (m) => {
        sprintAction(m).resolver = { function: 'nothing' };
      },
      'forge',
      /nothing/,
    ],
    [
      'a handler file does not exist',
      (m) => {
        resolverFunction(m).handler = 'missing.handler';
      },
      'forge',
      /missing/,
    ],
    [
      'a handler file lacks the named export',
      (m) => {
        resolverFunction(m).handler = 'index.notExported';
      },
      'handler-export',
      /notExported/,
    ],
    [
      'an unknown module type',
      (m) => {
        (m.modules as Record<string, unknown>)['jira:sprintPanel'] = [{ key: 'p', resource: 'main', title: 'P' }];
      },
      'forge',
      /jira:sprintPanel/,
    ],
    [
      'two modules share a key',
      (m) => {
        uiModules(m, 'jira:boardAction')[0]!.key = sprintAction(m).key;
      },
      'forge',
      /rba-sprint-action/,
    ],
    [
      'a module has no title',
      (m) => {
        delete sprintAction(m).title;
      },
      'forge',
      /required property 'title'/,
    ],
    [
      'the resource folder does not exist',
      (m) => {
        m.resources = [{ key: 'main', path: 'static/app/not-built' }];
      },
      'forge',
      /not-built/,
    ],
    [
      'the resource folder has no index.html',
      (m) => {
        m.resources = [{ key: 'main', path: 'src/resolvers' }];
      },
      'forge',
      /index\.html/,
    ],
    [
      'a runtime Forge does not offer',
      (m) => {
        m.app.runtime = { name: 'nodejs18.x' as never };
      },
      'forge',
      /nodejs18\.x/,
    ],
    ['a scope Forge does not know', (m) => addScope(m, 'read:everything:jira'), 'forge', /read:everything:jira/],
    ['a write scope', (m) => addScope(m, 'write:jira-work'), 'policy', /write:jira-work/],
    ['an admin scope', (m) => addScope(m, 'manage:jira-configuration'), 'policy', /manage:jira-configuration/],
    [
      'backend egress',
      (m) => {
        m.permissions = { ...m.permissions, external: { fetch: { backend: ['https://audit.example.com'] } } };
      },
      'policy',
      /external permission 'fetch'/,
    ],
    [
      'a remote backend',
      (m) => {
        m.remotes = [{ key: 'audit', baseUrl: 'https://audit.example.com' }];
      },
      'policy',
      /remotes/,
    ],
    [
      'an entity attribute of a type Forge does not know',
      (m) => {
        configEntity(m).attributes.version = { type: 'int' as never };
      },
      'forge',
      /type/,
    ],
    [
      'an entity name Forge does not accept',
      (m) => {
        configEntity(m).name = 'Config_Entry';
      },
      'forge',
      /name/,
    ],
    [
      'no configuration entity',
      (m) => {
        delete m.app.storage;
      },
      'storage',
      /'config-entry' is not declared/,
    ],
    [
      "the entity's version is not an integer",
      (m) => {
        configEntity(m).attributes.version = { type: 'string' };
      },
      'storage',
      /attribute 'version': declared string, the store writes integer/,
    ],
    [
      'the entity lacks an attribute the store writes',
      (m) => {
        delete configEntity(m).attributes.savedBy;
      },
      'storage',
      /attribute 'savedBy': declared nowhere/,
    ],
    [
      'the entity has no index to list entries by',
      (m) => {
        configEntity(m).indexes = ['version'];
      },
      'storage',
      /no index 'entryKey'/,
    ],
  ];

  it.each(cases)('rejects %s', async (name, change, check, message) => {
    const problems = await checkManifest(writeVariant(name, change));
    expect(problems).toContainEqual({ check, message: expect.stringMatching(message) });
  });
});
