import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ManifestParserBuilder, type ManifestSchema } from '@forge/manifest';

/** A module of manifest.yml that renders the Custom UI: its Forge type and the key Jira opens it with. */
export interface UiModule {
  type: string;
  key: string;
}

/** The repository's manifest, from the source (src/dev/preview) and the compiled (dist/dev/preview) preview alike. */
export const MANIFEST_PATH = path.resolve(__dirname, '../../../manifest.yml');

/** The modules that render a Custom UI resource, in manifest order: the one list of the app's views. */
export function uiModulesOf(manifest: ManifestSchema): UiModule[] {
  const modules = (manifest.modules ?? {}) as Record<string, Array<{ key: string; resource?: string }> | undefined>;
  return Object.entries(modules).flatMap(([type, declared]) =>
    (declared ?? []).filter((module) => module.resource !== undefined).map((module) => ({ type, key: module.key })),
  );
}

export function readManifest(manifestPath: string = MANIFEST_PATH): ManifestSchema {
  const content = readFileSync(manifestPath, 'utf8');
  return new ManifestParserBuilder().withInterpolators().build().parseManifest({ content, filePath: manifestPath });
}

export function readUiModules(manifestPath: string = MANIFEST_PATH): UiModule[] {
  return uiModulesOf(readManifest(manifestPath));
}
