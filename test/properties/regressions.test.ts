import { adfToText } from '../../src/jira/adf';

/** Counterexamples the properties in this folder found, minimised, kept as ordinary tests. */

describe('adfToText regressions', () => {
  it('leaves out a date node whose timestamp is beyond what a Date holds', () => {
    const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'due ' }, { type: 'date', attrs: { timestamp: 1e300 } }] }] };
    expect(adfToText(body)).toBe('due');
  });

  it('ends on a node that lists itself among its children, keeping the text once', () => {
    const paragraph: { type: string; content: unknown[] } = { type: 'paragraph', content: [{ type: 'text', text: 'loop' }] };
    paragraph.content.push(paragraph, paragraph);
    expect(adfToText({ type: 'doc', version: 1, content: [paragraph] })).toBe('loop');
  });
});
