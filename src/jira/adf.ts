import { isValid } from 'date-fns';
import { isoDay } from '../horizon';

/**
 * Atlassian Document Format → plain text, for classifying comments and descriptions. Block nodes end in a line
 * break, inline nodes keep their visible text (mentions, emoji, dates, links), anything unknown is walked for
 * text rather than dropped. Bodies that are already strings (Jira Server, REST v2) pass through.
 */
const BLOCK_NODES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'tableRow',
  'panel',
  'rule',
  'mediaSingle',
  'mediaGroup',
  'expand',
  'nestedExpand',
  'decisionItem',
  'taskItem',
  'blockCard',
]);

const MAX_DEPTH = 64;

export function adfToText(body: unknown): string {
  return readAdf(body).text;
}

/** The text, and whether the body nested deeper than MAX_DEPTH, so that what lies below was left out. */
export function readAdf(body: unknown): { text: string; truncated: boolean } {
  if (body === null || body === undefined) return { text: '', truncated: false };
  if (typeof body === 'string') return { text: body.trim(), truncated: false };
  const walked: Walked = { out: [], truncated: false };
  walk(body, walked, 0, new Set());
  const text = walked.out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, truncated: walked.truncated };
}

interface Walked {
  out: string[];
  truncated: boolean;
}

/** `ancestors` holds the nodes on the way down, so a body whose nodes refer back to them ends instead of repeating. */
function walk(node: unknown, walked: Walked, depth: number, ancestors: Set<object>): void {
  if (node === null || typeof node !== 'object' || ancestors.has(node)) return;
  if (depth > MAX_DEPTH) {
    walked.truncated = true;
    return;
  }
  ancestors.add(node);
  visit(node, walked, depth, ancestors);
  ancestors.delete(node);
}

function visit(node: object, walked: Walked, depth: number, ancestors: Set<object>): void {
  const { out } = walked;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, walked, depth + 1, ancestors);
    return;
  }
  const record = node as { type?: unknown; text?: unknown; attrs?: unknown; content?: unknown };
  const type = typeof record.type === 'string' ? record.type : '';
  const attrs = record.attrs && typeof record.attrs === 'object' ? (record.attrs as Record<string, unknown>) : {};
  switch (type) {
    case 'text':
      if (typeof record.text === 'string') out.push(record.text);
      return;
    case 'hardBreak':
      out.push('\n');
      return;
    case 'mention':
      out.push(stringAttr(attrs, 'text') ?? '@someone');
      return;
    case 'emoji':
      out.push(stringAttr(attrs, 'text') ?? stringAttr(attrs, 'shortName') ?? '');
      return;
    case 'date': {
      // A finite number can still lie beyond the ±8.64e15 ms a Date holds (toISOString would throw).
      const date = new Date(Number(stringAttr(attrs, 'timestamp')));
      if (isValid(date)) out.push(isoDay(date));
      return;
    }
    case 'status':
      out.push(stringAttr(attrs, 'text') ?? '');
      return;
    case 'inlineCard':
      out.push(stringAttr(attrs, 'url') ?? '');
      return;
  }
  if (type === 'listItem') out.push('- ');
  walk(record.content, walked, depth + 1, ancestors);
  if (type === 'tableCell' || type === 'tableHeader') out.push('\t');
  if (BLOCK_NODES.has(type) && !out[out.length - 1]?.endsWith('\n')) out.push('\n');
}

function stringAttr(attrs: Record<string, unknown>, key: string): string | undefined {
  const value = attrs[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
