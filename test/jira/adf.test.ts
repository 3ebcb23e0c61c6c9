import { adfToText } from '../../src/jira/adf';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string) => ({ type: 'text', text: value });

describe('adfToText', () => {
  it.each([
    ['a plain string (Jira Server)', '  Looks good  ', 'Looks good'],
    ['null', null, ''],
    ['an empty doc', doc(), ''],
    ['two paragraphs', doc(paragraph(text('First')), paragraph(text('Second'))), 'First\nSecond'],
    [
      'a mention and emoji',
      doc(
        paragraph({ type: 'mention', attrs: { id: 'x', text: '@Priya' } }, text(' ship it '), {
          type: 'emoji',
          attrs: { shortName: ':rocket:', text: '🚀' },
        }),
      ),
      '@Priya ship it 🚀',
    ],
    [
      'a bullet list',
      doc({
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [paragraph(text('AC one'))] },
          { type: 'listItem', content: [paragraph(text('AC two'))] },
        ],
      }),
      '- AC one\n- AC two',
    ],
    ['a hard break', doc(paragraph(text('line'), { type: 'hardBreak' }, text('next'))), 'line\nnext'],
    [
      'a date node',
      doc(paragraph(text('due '), { type: 'date', attrs: { timestamp: '1767225600000' } })),
      'due 2026-01-01',
    ],
    [
      'a link card',
      doc(paragraph({ type: 'inlineCard', attrs: { url: 'https://example.com/x' } })),
      'https://example.com/x',
    ],
    ['an unknown node with text inside', doc({ type: 'futureNode', content: [text('kept')] }), 'kept'],
    ['Japanese text', doc(paragraph(text('価格戦略を見直す'))), '価格戦略を見直す'],
    ['HTML in text stays text', doc(paragraph(text('<script>alert(1)</script>'))), '<script>alert(1)</script>'],
    ['junk', { type: 42, content: 'nope' }, ''],
  ])('%s', (_, body, expected) => {
    expect(adfToText(body)).toBe(expected);
  });

  it('survives absurd nesting without overflowing the stack', () => {
    let node: unknown = text('deep');
    for (let depth = 0; depth < 10_000; depth++) node = { type: 'blockquote', content: [node] };
    expect(() => adfToText(doc(node))).not.toThrow();
  });
});
