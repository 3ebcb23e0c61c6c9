import fc from 'fast-check';
import { adfToText } from '../../src/jira/adf';
import type { Json, JsonObject } from '../../src/jira/snapshot';
import { adfDocument, adfLike } from './adf-documents';
import { hostileText } from './arbitraries';
import { holds } from './runs';

/** Whitespace is layout in extracted text: compare words, not how blocks were separated. */
const squeeze = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** Where each non-blank leaf's text starts in `output`, searching on from the end of the previous one; -1 when missing. */
function positionsInOrder(output: string, leaves: readonly string[]): number[] {
  const text = squeeze(output);
  const positions: number[] = [];
  let from = 0;
  for (const leaf of leaves.map(squeeze).filter((leaf) => leaf !== '')) {
    const at = text.indexOf(leaf, from);
    positions.push(at);
    if (at >= 0) from = at + leaf.length;
  }
  return positions;
}

describe('adfToText on hostile input', () => {
  it('never throws and always returns trimmed text, whatever the body', () => {
    holds(
      'adfNeverThrows',
      fc.property(
        fc.oneof(
          adfLike,
          adfDocument({ rich: true, maxDepth: 4 }).map((document) => document.doc as Json),
        ),
        (body) => {
          const text = adfToText(body);
          expect(typeof text).toBe('string');
          expect(text).toBe(text.trim());
        },
      ),
    );
  });

  it("keeps every text node's text, in document order, in documents as Jira writes them", () => {
    holds(
      'adfKeepsText',
      fc.property(adfDocument({ rich: true, maxDepth: 5 }), ({ doc, leaves }) => {
        expect(positionsInOrder(adfToText(doc), leaves)).not.toContain(-1);
      }),
    );
  });

  it('adds no markup: every character of the text comes from a text node or is layout', () => {
    holds(
      'adfNoMarkup',
      fc.property(adfDocument({ rich: false, maxDepth: 5 }), ({ doc, leaves }) => {
        const allowed = new Set([...leaves.join(''), ' ', '\n', '\t', '-']);
        expect([...adfToText(doc)].filter((char) => !allowed.has(char))).toEqual([]);
      }),
    );
  });

  it('ends on documents whose nodes refer back to their ancestors', () => {
    holds(
      'adfCycles',
      fc.property(adfDocument({ rich: false, maxDepth: 3 }), fc.nat(), ({ doc, leaves }, pick) => {
        const containers: JsonObject[] = [];
        const collect = (node: JsonObject) => {
          if (!Array.isArray(node.content)) return;
          containers.push(node);
          for (const child of node.content)
            if (child !== null && typeof child === 'object' && !Array.isArray(child)) collect(child);
        };
        collect(doc);
        const target = containers[pick % containers.length] as JsonObject;
        (target.content as Json[]).push(doc, target, doc);
        expect(positionsInOrder(adfToText(doc), leaves)).not.toContain(-1);
      }),
    );
  });

  it('passes string bodies (Jira Server, REST v2) through, trimmed', () => {
    holds(
      'adfStrings',
      fc.property(hostileText, (body) => {
        expect(adfToText(body)).toBe(body.trim());
      }),
    );
  });
});
