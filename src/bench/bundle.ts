import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleFigures {
  /** What index.html loads up front: its scripts, module preloads and stylesheets. */
  initial: BundleFile[];
  initialGzipBytes: number;
  /** Every JS and CSS file of the build, lazily loaded chunks (themes) included. */
  allGzipBytes: number;
  allFiles: number;
}

const ASSET_REFERENCE = /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+\.(?:js|css))"/g;

/** Gzipped sizes (zlib's default level, as web servers use) of a Vite build's JS and CSS. */
export function measureBundle(buildDir: string): BundleFigures {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const initialPaths = [...new Set([...html.matchAll(ASSET_REFERENCE)].map((match) => match[1]!))];
  const initial = initialPaths.map((path) => sizeOf(buildDir, path));
  const all = assetFiles(buildDir).map((path) => sizeOf(buildDir, path));
  return {
    initial,
    initialGzipBytes: initial.reduce((sum, file) => sum + file.gzipBytes, 0),
    allGzipBytes: all.reduce((sum, file) => sum + file.gzipBytes, 0),
    allFiles: all.length,
  };
}

function sizeOf(buildDir: string, path: string): BundleFile {
  const content = readFileSync(resolve(buildDir, path));
  return { path: path.replace(/^\.\//, ''), bytes: content.length, gzipBytes: gzipSync(content).length };
}

function assetFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, name)).isDirectory()) return assetFiles(join(dir, name), relative);
    return /\.(js|css)$/.test(name) ? [relative] : [];
  });
}
