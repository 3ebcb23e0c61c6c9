import fs from 'node:fs';
import path from 'node:path';
import {
  HANDLER_EXTENSIONS,
  ManifestParserBuilder,
  ProcessorBuilder,
  ValidationTypes,
  getHandlersDirectory,
  type ManifestSchema,
  type ValidationError,
} from '@forge/manifest';
import { ENTRY_ATTRIBUTES, ENTRY_ENTITY, ENTRY_KEY_INDEX } from '../../src/store/forge-kvs';

/**
 * Offline manifest checks: what `forge lint` checks on the manifest, plus what it does not check and
 * this app still promises (handler exports exist, read-only scopes, no egress).
 */
export type ManifestProblem = { check: 'forge' | 'handler-export' | 'policy' | 'storage'; message: string };

/** The only scope the app holds that does not start with `read:`. */
export const NON_READ_SCOPES_ALLOWED: readonly string[] = ['storage:app'];

/**
 * @forge/manifest's full validation, the one `forge lint` runs on the manifest: YAML, JSON schema, module
 * rules (function/resource references, handler files, duplicate keys, unknown module types), resources
 * (folder exists, Custom UI index.html), scope names, egress URL syntax. The CLI fetches the list of
 * deprecated runtimes from Atlassian; offline that list is empty.
 */
export async function forgeValidate(manifestPath: string): Promise<ValidationError[]> {
  const result = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: [] })
    .build()
    .process(manifestPath);
  return result.errors ?? [];
}

/** Parses the manifest the way the Forge CLI does; null when it is not readable YAML (forgeValidate reports why). */
export function parseManifest(manifestPath: string): ManifestSchema | null {
  try {
    const content = fs.readFileSync(manifestPath, 'utf8');
    return new ManifestParserBuilder().withInterpolators().build().parseManifest({ content, filePath: manifestPath });
  } catch {
    return null;
  }
}

export function scopeNames(manifest: ManifestSchema): string[] {
  const scopes = manifest.permissions?.scopes;
  if (scopes === undefined) return [];
  return Array.isArray(scopes) ? scopes : Object.keys(scopes);
}

/** forge lint only checks that a handler's file exists; this loads the file and looks for the export. */
export function handlerExportProblems(manifest: ManifestSchema, manifestPath: string): ManifestProblem[] {
  const handlersDir = path.resolve(path.dirname(manifestPath), getHandlersDirectory(manifest));
  return (manifest.modules?.function ?? []).flatMap(({ key, handler }) => {
    const separator = typeof handler === 'string' ? handler.lastIndexOf('.') : -1;
    if (separator <= 0) return []; // a missing or malformed handler is a forge lint error already
    const [fileName, exportName] = [handler.slice(0, separator), handler.slice(separator + 1)];
    const file = HANDLER_EXTENSIONS.map((ext) => path.join(handlersDir, `${fileName}.${ext}`)).find((f) =>
      fs.existsSync(f),
    );
    if (file === undefined) return []; // forge lint reports the missing file
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the handler's module is loaded by path, as Forge does
    const loaded: unknown = require(file);
    const exported =
      typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>)[exportName] : undefined;
    return typeof exported === 'function'
      ? []
      : [
          {
            check: 'handler-export' as const,
            message: `function '${key}': ${path.basename(file)} does not export a function '${exportName}'`,
          },
        ];
  });
}

/** The app reads Jira and keeps its own storage: no write/manage/delete scopes, no egress of any kind. */
export function policyProblems(manifest: ManifestSchema): ManifestProblem[] {
  const problems: ManifestProblem[] = scopeNames(manifest)
    .filter((scope) => !scope.startsWith('read:') && !NON_READ_SCOPES_ALLOWED.includes(scope))
    .map((scope) => ({ check: 'policy', message: `scope '${scope}' is not read-only` }));
  for (const kind of Object.keys(manifest.permissions?.external ?? {})) {
    problems.push({
      check: 'policy',
      message: `external permission '${kind}' declared: the app sends nothing outside Atlassian`,
    });
  }
  if ((manifest.remotes ?? []).length > 0) {
    problems.push({ check: 'policy', message: 'remotes declared: the app has no backend outside Forge' });
  }
  return problems;
}

/**
 * forge lint checks an entity's shape, not that it is the one the code writes: the configuration store's entity
 * (src/store/forge-kvs.ts) must be declared with exactly its attributes and types, and the index it lists keys by.
 */
export function storageProblems(manifest: ManifestSchema): ManifestProblem[] {
  const entity = (manifest.app.storage?.entities ?? []).find(({ name }) => name === ENTRY_ENTITY);
  if (entity === undefined)
    return [
      { check: 'storage', message: `custom entity '${ENTRY_ENTITY}' is not declared under app.storage.entities` },
    ];
  const declared = Object.fromEntries(Object.entries(entity.attributes).map(([name, { type }]) => [name, type]));
  const problems: ManifestProblem[] = [];
  for (const name of new Set([...Object.keys(ENTRY_ATTRIBUTES), ...Object.keys(declared)])) {
    const expected = (ENTRY_ATTRIBUTES as Record<string, string>)[name];
    if (declared[name] !== expected) {
      problems.push({
        check: 'storage',
        message: `entity '${ENTRY_ENTITY}' attribute '${name}': declared ${declared[name] ?? 'nowhere'}, the store writes ${expected ?? 'no such attribute'}`,
      });
    }
  }
  const indexNames = (entity.indexes ?? []).map((index) => (typeof index === 'string' ? index : index.name));
  if (!indexNames.includes(ENTRY_KEY_INDEX))
    problems.push({
      check: 'storage',
      message: `entity '${ENTRY_ENTITY}' has no index '${ENTRY_KEY_INDEX}' to list entries by`,
    });
  return problems;
}

/** Every check, in the order a reader would fix them. */
export async function checkManifest(manifestPath: string): Promise<ManifestProblem[]> {
  const forge = (await forgeValidate(manifestPath))
    .filter((e) => e.level === 'error')
    .map((e): ManifestProblem => ({ check: 'forge', message: `${e.message} (line ${e.line ?? '?'})` }));
  const manifest = parseManifest(manifestPath);
  if (manifest === null) return forge;
  return [
    ...forge,
    ...handlerExportProblems(manifest, manifestPath),
    ...policyProblems(manifest),
    ...storageProblems(manifest),
  ];
}
