import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compiledCssOrder } from './vite/plugin';

/**
 * The Custom UI bundle. Forge serves the resource from a sub-path, so asset URLs are relative (`base: './'`).
 * React's JSX is compiled by Vite's own transform (oxc), no plugin needed.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [compiledCssOrder()],
  build: {
    outDir: 'build',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: true,
  },
});
