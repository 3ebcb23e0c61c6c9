import type { Plugin } from 'vite';
import { sortAtomicCss } from './sort-atomic-css';

/** Puts the built CSS in the order Compiled's atomic styles need (see sort-atomic-css.ts). */
export function compiledCssOrder(): Plugin {
  return {
    name: 'rba:compiled-css-order',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.css')) {
          file.source = sortAtomicCss(
            typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source),
          );
        }
      }
    },
  };
}
