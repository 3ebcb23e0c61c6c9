/**
 * The Atlassian Design System ships its styles as Compiled atomic CSS: one class per declaration, in files that
 * expect a build step to merge them with shorthands (`font`, `padding`) before longhands (`font-weight`,
 * `padding-top`) and `:hover` before `:active`. Vite concatenates and de-duplicates the files instead, which can
 * put a shorthand after its longhand and undo it (bold text rendered regular, for one). This restores
 * Compiled's order in the built CSS: everything that is not atomic first, as it was; then the atomic rules by
 * pseudo-class and shorthand depth, each group in its original order; then the at-rules, as they were.
 */

/** Compiled's pseudo-class order (LVFHA, with the focus variants). */
const PSEUDO_ORDER = ['link', 'visited', 'focus-within', 'focus', 'focus-visible', 'hover', 'active'];
const PSEUDO = /:(link|visited|focus-within|focus-visible|focus|hover|active)(?![-\w])/g;

const DEPTH_1 = new Set([
  'animation',
  'background',
  'border',
  'border-image',
  'border-radius',
  'column-rule',
  'columns',
  'container',
  'flex',
  'flex-flow',
  'font',
  'gap',
  'grid',
  'grid-area',
  'grid-template',
  'inset',
  'list-style',
  'margin',
  'mask',
  'offset',
  'outline',
  'overflow',
  'overscroll-behavior',
  'padding',
  'place-content',
  'place-items',
  'place-self',
  'scroll-margin',
  'scroll-padding',
  'text-decoration',
  'text-emphasis',
  'text-wrap',
  'transition',
]);
const DEPTH_2 = new Set([
  'border-block',
  'border-inline',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-style',
  'border-width',
  'font-synthesis',
  'font-variant',
  'grid-column',
  'grid-row',
  'inset-block',
  'inset-inline',
  'margin-block',
  'margin-inline',
  'padding-block',
  'padding-inline',
  'scroll-margin-block',
  'scroll-margin-inline',
  'scroll-padding-block',
  'scroll-padding-inline',
]);
const DEPTH_3 = new Set([
  'border-block-start',
  'border-block-end',
  'border-inline-start',
  'border-inline-end',
  'border-block-color',
  'border-block-style',
  'border-block-width',
  'border-inline-color',
  'border-inline-style',
  'border-inline-width',
]);

/** How general a property is: `all` 0, `font` 1, `border-top` 2, `border-block-start` 3, a longhand 4. */
export function shorthandDepth(property: string): number {
  if (property === 'all') return 0;
  if (DEPTH_1.has(property)) return 1;
  if (DEPTH_2.has(property)) return 2;
  if (DEPTH_3.has(property)) return 3;
  return 4;
}

/** The top-level rules and at-rule blocks of a stylesheet, as written (comments dropped). */
export function topLevelBlocks(css: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < css.length; i++) {
    const char = css[i];
    if (quote !== null) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end === -1 ? css.length : end + 2;
      if (depth === 0) {
        const before = css.slice(start, i).trim();
        if (before !== '') blocks.push(before);
        start = stop;
      }
      i = stop - 1;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) {
        blocks.push(css.slice(start, i + 1).trim());
        start = i + 1;
      }
    } else if (char === ';' && depth === 0) {
      blocks.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = css.slice(start).trim();
  if (rest !== '') blocks.push(rest);
  return blocks;
}

const ATOMIC = /^\._[a-z0-9]+/;

function pseudoRank(selector: string): number {
  let rank = 0;
  for (const match of selector.matchAll(PSEUDO)) rank = Math.max(rank, PSEUDO_ORDER.indexOf(match[1]!) + 1);
  return rank;
}

export function sortAtomicCss(css: string): string {
  const plain: string[] = [];
  const atomic: Array<{ block: string; rank: number; depth: number; index: number }> = [];
  const atRules: string[] = [];
  topLevelBlocks(css).forEach((block, index) => {
    if (block.startsWith('@')) {
      // @charset and @import must stay first; other at-rules (media queries) go after the rules they refine.
      if (/^@(charset|import|layer [^{]*;)/.test(block)) plain.unshift(block);
      else atRules.push(block);
      return;
    }
    const brace = block.indexOf('{');
    const selector = block.slice(0, brace);
    if (!ATOMIC.test(selector)) {
      plain.push(block);
      return;
    }
    const property = block
      .slice(brace + 1)
      .split(':')[0]!
      .trim()
      .toLowerCase();
    atomic.push({ block, rank: pseudoRank(selector), depth: shorthandDepth(property), index });
  });
  atomic.sort((a, b) => a.rank - b.rank || a.depth - b.depth || a.index - b.index);
  return [...plain, ...atomic.map((rule) => rule.block), ...atRules].join('\n');
}
