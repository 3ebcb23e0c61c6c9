import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../store/key-value';

/** Forge KVS takes keys up to 500 characters and values up to 240 KiB; values are kept well under that. */
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 200_000;

/**
 * A JSON value stored under one or more keys: `${prefix}${id}:0`, `:1`, … A value that fits is stored as is; a
 * larger one is stored as its JSON text cut into string parts that each fit. Blobs are never rewritten in place:
 * a new version gets a new id, so a reader holding an old reference reads the old version or nothing.
 */
export interface BlobRef {
  id: string;
  parts: number;
  /** JSON size of the value in bytes, for reporting. */
  bytes: number;
}

export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export function blobPartKey(prefix: string, id: string, part: number): string {
  const key = `${prefix}${id}:${part}`;
  if (key.length > MAX_KEY_LENGTH)
    throw new RangeError(`Store key longer than ${MAX_KEY_LENGTH} characters: ${key.slice(0, 80)}…`);
  return key;
}

export async function writeBlob(store: KeyValueStore, prefix: string, value: unknown): Promise<BlobRef> {
  const id = newId();
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_VALUE_BYTES) {
    await store.set(blobPartKey(prefix, id, 0), value);
    return { id, parts: 1, bytes };
  }
  const pieces = splitText(text, MAX_VALUE_BYTES);
  await Promise.all(pieces.map((piece, part) => store.set(blobPartKey(prefix, id, part), piece)));
  return { id, parts: pieces.length, bytes };
}

/** Undefined when a part is missing: the blob was deleted (a newer version replaced it) while being read. */
export async function readBlob<T>(store: KeyValueStore, prefix: string, ref: BlobRef): Promise<T | undefined> {
  if (ref.parts === 1) return store.get<T>(blobPartKey(prefix, ref.id, 0));
  const pieces = await Promise.all(
    Array.from({ length: ref.parts }, (_, part) => store.get<string>(blobPartKey(prefix, ref.id, part))),
  );
  if (pieces.some((piece) => typeof piece !== 'string')) return undefined;
  return JSON.parse(pieces.join('')) as T;
}

export async function deleteBlob(store: KeyValueStore, prefix: string, ref: BlobRef): Promise<void> {
  await Promise.all(Array.from({ length: ref.parts }, (_, part) => store.delete(blobPartKey(prefix, ref.id, part))));
}

/** The blob id a part key belongs to, for collecting keys no reference points at any more. */
export function blobIdOfKey(prefix: string, key: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  const colon = rest.lastIndexOf(':');
  return colon > 0 ? rest.slice(0, colon) : undefined;
}

/**
 * Cuts text into pieces whose JSON string encoding (quotes and escapes included) stays within maxBytes, never
 * between the two halves of a surrogate pair.
 */
export function splitText(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + Math.max(1, maxBytes - 2));
    for (;;) {
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      const encoded = jsonBytes(text.slice(start, end));
      if (encoded <= maxBytes || end - start <= 1) break;
      end = start + Math.max(1, Math.floor(((end - start) * maxBytes * 0.95) / encoded));
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
