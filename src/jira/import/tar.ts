/**
 * A reader for the tar archives Jira exports come in (ustar and GNU tar: long names, pax paths), over the whole
 * uncompressed archive in memory. Only regular files are yielded; their content is a view into the archive.
 */
export interface TarFile {
  path: string;
  content: Buffer;
}

const BLOCK = 512;

export function* tarFiles(archive: Buffer): Generator<TarFile> {
  let offset = 0;
  let longPath: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    const content = archive.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longPath = cString(content);
      continue;
    }
    if (type === 'x') {
      longPath = paxPath(content.toString('utf8')) ?? longPath;
      continue;
    }
    const prefix = cString(header.subarray(345, 500));
    const name = cString(header.subarray(0, 100));
    const path = longPath ?? (prefix ? `${prefix}/${name}` : name);
    longPath = undefined;
    if (type === '0' || type === '\0') yield { path, content };
  }
}

function octal(field: Buffer): number {
  const digits = cString(field).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end === -1 ? field.length : end);
}

/** A pax extended header is a list of `<length> <key>=<value>\n` records. */
function paxPath(records: string): string | undefined {
  return /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records)?.[1];
}
