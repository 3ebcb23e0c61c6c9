import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_LIST } from '../../src/rules';
import {
  criterionLabel,
  formatDate,
  formatDateTime,
  formatDayMonth,
  setViewerLocale,
} from '../../static/app/src/format';
import { parseInline, parseMarkdown } from '../../static/app/src/markdown';
import { ruleTitle } from '../../static/app/src/rules';

afterEach(() => setViewerLocale(undefined, undefined));

describe('dates in the viewer’s locale and time zone', () => {
  it('writes an instant as the day and time it was where the viewer is', () => {
    setViewerLocale('en_US', 'America/Los_Angeles');
    // 03:30 UTC on 2 March is still 1 March in California.
    expect(formatDate('2026-03-02T03:30:00.000Z')).toBe('Mar 1, 2026');
    expect(formatDateTime('2026-03-02T03:30:00.000Z')).toBe('Mar 1, 2026, 07:30 PM');
    setViewerLocale('de_DE', 'Europe/Berlin');
    expect(formatDate('2026-03-02T03:30:00.000Z')).toBe('2. März 2026');
  });

  it('keeps a calendar day the same day in every time zone', () => {
    setViewerLocale('en_US', 'Pacific/Auckland');
    expect(formatDate('2026-03-01')).toBe('Mar 1, 2026');
    setViewerLocale('en_US', 'America/Los_Angeles');
    expect(formatDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatDayMonth('2026-11-16')).toBe('Nov 16');
  });

  it('falls back to day-month-year in UTC for a locale or time zone the runtime does not know, and shows non-dates as given', () => {
    setViewerLocale('xx_NOPE', 'Mars/Olympus');
    expect(formatDate('2026-03-02T03:30:00.000Z')).toBe('2 Mar 2026');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('')).toBe('—');
  });
});

describe('rules and criteria in words', () => {
  it('names every rule by a title of its own, and an unknown rule by its id', () => {
    const titles = RULE_LIST.map((rule) => ruleTitle(rule.meta.id));
    expect(new Set(titles).size).toBe(RULE_LIST.length);
    for (const [index, rule] of RULE_LIST.entries()) {
      expect(titles[index]).toBe(rule.meta.title);
      expect(titles[index]).not.toContain('/');
    }
    expect(ruleTitle('custom/new-rule')).toBe('custom/new-rule');
  });

  it('names a criterion in words with its code as a detail', () => {
    expect(criterionLabel('C9')).toBe('Backlog ownership (C9)');
    expect(criterionLabel('X1')).toBe('X1');
  });
});

describe('the rules’ docs as blocks, never as HTML', () => {
  it('parses every rule’s doc into its why, how to fix and when to switch it off', () => {
    for (const rule of RULE_LIST) {
      const doc = readFileSync(path.resolve(__dirname, '../../src/rules', `${rule.meta.id}.md`), 'utf8');
      const headings = parseMarkdown(doc)
        .filter((block) => block.kind === 'heading')
        .map((block) => (block.kind === 'heading' ? block.content.map((part) => part.text).join('') : ''));
      expect(headings).toEqual(expect.arrayContaining(['Why', 'How to fix', 'When to switch it off']));
    }
  });

  it('reads headings, paragraphs across lines, lists, code, bold and web links', () => {
    expect(parseMarkdown('# Title\n\nOne line\nand the next.\n\n- first\n- second `x`\n')).toEqual([
      { kind: 'heading', level: 1, content: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'One line and the next.' }] },
      {
        kind: 'list',
        items: [
          [{ kind: 'text', text: 'first' }],
          [
            { kind: 'text', text: 'second ' },
            { kind: 'code', text: 'x' },
          ],
        ],
      },
    ]);
    expect(parseInline('*say* **Note** see [docs](https://example.com/a)')).toEqual([
      { kind: 'em', text: 'say' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'Note' },
      { kind: 'text', text: ' see ' },
      { kind: 'link', text: 'docs', href: 'https://example.com/a' },
    ]);
  });

  it('keeps markup as text and drops links that are not web pages', () => {
    expect(parseInline('<img src=x onerror=alert(1)> [run](javascript:void)')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> ' },
      { kind: 'text', text: 'run' },
    ]);
  });
});
