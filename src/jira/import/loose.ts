import { readFileSync } from 'node:fs';

/** Raw JSON as read from a foreign file: nothing is assumed until checked. */
export type Loose = Record<string, unknown>;

export function isRecord(value: unknown): value is Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function records(value: unknown): Loose[] {
  return list(value).filter(isRecord);
}

/** A non-empty string; exports often blank values to "" rather than dropping them. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Ids arrive as strings or numbers depending on the endpoint. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

export function integer(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/** Parses JSON that may be absent or broken; the reason goes to `notes` instead of stopping the load. */
export function readJsonFile(path: string, notes: string[]): unknown {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    notes.push(`${path} could not be read (${errorMessage(error)})`);
    return undefined;
  }
  return parseJson(content, path, notes);
}

export function parseJson(content: string, origin: string, notes: string[]): unknown {
  if (content.trim() === '') {
    notes.push(`${origin} is empty`);
    return undefined;
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    notes.push(`${origin} is not valid JSON (${errorMessage(error)})`);
    return undefined;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
