import fc from 'fast-check';
import type { Json, JsonObject } from '../../src/jira/snapshot';
import { hugeText, junk, shortText } from './arbitraries';

/** An Atlassian Document Format body with the text of its text nodes, in document order. */
export interface Document {
  doc: JsonObject;
  leaves: string[];
}

interface Built {
  node: JsonObject;
  leaves: string[];
}

/** Node types adfToText reads attributes of or treats as leaves; unknown types must be none of these. */
const SPECIAL_TYPES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard']);

const mark: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { type: 'strong' },
  { type: 'em' },
  { type: 'code' },
  { type: 'strike' },
  { type: 'link', attrs: { href: 'javascript:alert(1)', title: '<b>x</b>' } },
  { type: 'textColor', attrs: { color: '#ff0000' } },
  { type: 'futureMark', attrs: { depth: 99 } },
);

const leafText: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: shortText },
  { weight: 1, arbitrary: hugeText },
);

const textNode: fc.Arbitrary<Built> = fc
  .tuple(leafText, fc.array(mark, { maxLength: 2 }))
  .map(([text, marks]): Built => ({
    node: marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text },
    leaves: [text],
  }));

const hardBreak: fc.Arbitrary<Built> = fc.constant({ node: { type: 'hardBreak' }, leaves: [] });

const unknownType: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'futureNode',
      'extension',
      'bodiedExtension',
      'layoutSection',
      'layoutColumn',
      'media',
      'placeholder',
      'caption',
      'syncBlock',
    ),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 }),
  )
  .filter((type) => !SPECIAL_TYPES.has(type));

/** Nodes with visible text that is not a text node: what they print comes from attributes, hostile ones included. */
const inlineWithAttributes: fc.Arbitrary<Built> = fc
  .tuple(
    fc.constantFrom('mention', 'emoji', 'date', 'status', 'inlineCard'),
    fc.dictionary(fc.constantFrom('text', 'shortName', 'timestamp', 'url', 'id', 'accessLevel'), junk, { maxKeys: 3 }),
  )
  .map(([type, attrs]) => ({ node: { type, attrs }, leaves: [] }));

function container(type: fc.Arbitrary<string>, children: fc.Arbitrary<Built>, maxLength: number): fc.Arbitrary<Built> {
  return fc.tuple(type, fc.array(children, { maxLength })).map(([name, built]) => ({
    node: { type: name, content: built.map((child) => child.node) },
    leaves: built.flatMap((child) => child.leaves),
  }));
}

/**
 * Documents as Jira writes them (paragraphs, headings, lists, tables, panels, code) with marks, unknown node types
 * and text directly under blocks; `rich` adds mentions, emoji, dates, statuses and cards with arbitrary attributes.
 */
export function adfDocument(options: { rich: boolean; maxDepth: number }): fc.Arbitrary<Document> {
  const inline = options.rich
    ? fc.oneof(
        { weight: 6, arbitrary: textNode },
        { weight: 1, arbitrary: hardBreak },
        { weight: 2, arbitrary: inlineWithAttributes },
      )
    : fc.oneof({ weight: 6, arbitrary: textNode }, { weight: 1, arbitrary: hardBreak });
  const blocks: Array<fc.Arbitrary<Built>> = [];
  const blockAt = (depth: number): fc.Arbitrary<Built> => {
    const known = blocks[depth];
    if (known) return known;
    const paragraph = container(
      fc.constantFrom('paragraph', 'heading', 'codeBlock', 'decisionItem', 'taskItem'),
      inline,
      4,
    );
    const built =
      depth === 0
        ? fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: textNode })
        : fc.oneof(
            { weight: 3, arbitrary: paragraph },
            { weight: 1, arbitrary: textNode },
            {
              weight: 1,
              arbitrary: container(
                fc.constantFrom(
                  'blockquote',
                  'panel',
                  'expand',
                  'nestedExpand',
                  'listItem',
                  'tableCell',
                  'tableHeader',
                ),
                blockAt(depth - 1),
                3,
              ),
            },
            {
              weight: 1,
              arbitrary: container(
                fc.constantFrom('bulletList', 'orderedList', 'taskList', 'decisionList'),
                container(fc.constant('listItem'), blockAt(depth - 1), 2),
                3,
              ),
            },
            {
              weight: 1,
              arbitrary: container(
                fc.constant('table'),
                container(
                  fc.constant('tableRow'),
                  container(fc.constantFrom('tableCell', 'tableHeader'), blockAt(depth - 1), 2),
                  3,
                ),
                2,
              ),
            },
            { weight: 1, arbitrary: container(unknownType, blockAt(depth - 1), 3) },
          );
    blocks[depth] = built;
    return built;
  };
  return container(fc.constant('doc'), blockAt(options.maxDepth), 5).map(({ node, leaves }) => ({
    doc: { ...node, version: 1 },
    leaves,
  }));
}

/** Anything shaped a little like ADF: arbitrary types, content that is not a list, text that is not a string, attrs of junk. */
export const adfLike: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junk,
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            'doc',
            'paragraph',
            'text',
            'hardBreak',
            'mention',
            'emoji',
            'date',
            'status',
            'inlineCard',
            'listItem',
            'tableCell',
            'bulletList',
          ),
          unknownType,
          junk,
        ),
        text: fc.oneof(shortText, junk),
        attrs: fc.oneof(
          junk,
          fc.dictionary(fc.constantFrom('text', 'shortName', 'timestamp', 'url'), junk, { maxKeys: 3 }),
        ),
        content: fc.oneof(fc.array(tie('node'), { maxLength: 4 }), tie('node')),
        marks: fc.array(mark, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  ),
})).node;
