import { shorthandDepth, sortAtomicCss, topLevelBlocks } from '../../static/app/vite/sort-atomic-css';

describe('topLevelBlocks', () => {
  it('splits rules and at-rule blocks, ignoring braces in strings and comments', () => {
    expect(
      topLevelBlocks('@charset "utf-8";a{content:"{"}/* } */@media (x){._a{color:red}}._b:hover{font:1px "A}"}'),
    ).toEqual(['@charset "utf-8";', 'a{content:"{"}', '@media (x){._a{color:red}}', '._b:hover{font:1px "A}"}']);
  });
});

describe('sortAtomicCss', () => {
  it('puts shorthands before longhands, keeping everything else as it was', () => {
    const css =
      'body{margin:0}._k48p{font-weight:700}._11c8{font:14px sans-serif}._ca0q{padding-top:4px}._1q51{padding:8px}';
    expect(sortAtomicCss(css).split('\n')).toEqual([
      'body{margin:0}',
      '._11c8{font:14px sans-serif}',
      '._1q51{padding:8px}',
      '._k48p{font-weight:700}',
      '._ca0q{padding-top:4px}',
    ]);
  });

  it('orders pseudo-classes as Compiled does and moves media queries after the rules they refine', () => {
    const css =
      '@media (min-width:30rem){._x{padding:0}}._a:active{color:red}._b:hover{color:blue}._c:focus-visible{outline:0}._d{color:green}._e:visited{color:gray}';
    expect(sortAtomicCss(css).split('\n')).toEqual([
      '._d{color:green}',
      '._e:visited{color:gray}',
      '._c:focus-visible{outline:0}',
      '._b:hover{color:blue}',
      '._a:active{color:red}',
      '@media (min-width:30rem){._x{padding:0}}',
    ]);
  });

  it('knows how general a property is', () => {
    expect(['all', 'font', 'border-top', 'border-block-start', 'font-weight'].map(shorthandDepth)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });
});
