import { isoDay } from '../../../src/horizon';
/**
 * What the views export: CSV with a header row (RFC 4180 quoting, CRLF line ends) and pretty JSON. Pure, so the
 * quoting is unit-tested; download.ts turns the text into a file.
 */
import { spreadsheetCell } from '../../../src/domain/text-safety';

export type CsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/**
 * One CSV field. Text that would start a formula is prefixed with an apostrophe (summaries and names come from
 * Jira users, and a spreadsheet must show them, not run them); fields holding a comma, quote, line break or
 * edge whitespace are quoted, with quotes doubled. Lists are joined with "; ".
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = spreadsheetCell(typeof value === 'string' ? value : value.join('; '));
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `role-audit-roadmap-MOB-2026-03-01.csv`: what, where and when, safe on every file system. */
export function exportFileName(parts: readonly (string | undefined)[], at: Date, extension: 'csv' | 'json'): string {
  const date = isoDay(at);
  const words = ['role-audit', ...parts.filter((part): part is string => part !== undefined && part !== ''), date];
  return `${words
    .map((word) => word.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-')}.${extension}`;
}

/** A settings document as `path,value` rows (`thresholds.sprintMaxWeeks` → 4), lists as one row each. */
export function flattenSettings(value: unknown, prefix = ''): Array<{ path: string; value: string }> {
  if (Array.isArray(value)) {
    if (value.every((entry) => typeof entry !== 'object' || entry === null))
      return [{ path: prefix, value: value.join('; ') }];
    return value.flatMap((entry, index) => flattenSettings(entry, `${prefix}.${index}`));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [];
    return entries.flatMap(([key, entry]) => flattenSettings(entry, prefix === '' ? key : `${prefix}.${key}`));
  }
  return value === undefined
    ? []
    : [{ path: prefix, value: typeof value === 'string' ? value : JSON.stringify(value) }];
}
