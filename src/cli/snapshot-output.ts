import path from 'node:path';
import { readIncomplete } from '../domain/model';
import type { SiteRead } from '../jira/read-site';
import { saveSnapshotFile } from '../jira/snapshot-file';

export interface SnapshotOutput {
  /** Where the snapshot went. */
  written: string;
  /** False when something could not be read, or nothing was: then `--out` was left as it was. */
  complete: boolean;
}

/** `site.json` → `site.incomplete.json`: where an incomplete read goes, beside the file it must not replace. */
export function incompletePath(out: string): string {
  const extension = path.extname(out);
  return `${out.slice(0, out.length - extension.length)}.incomplete${extension || '.json'}`;
}

/**
 * Writes a recorded site with what could not be read in its `unread` field. A complete read replaces `out`
 * (through a temporary file in the same folder, then a rename); an incomplete one, or one that found no project,
 * never does: it goes beside it (`incompletePath`), so an earlier good snapshot stays where scripts look for it.
 */
export async function writeSnapshotOutput(out: string, read: SiteRead): Promise<SnapshotOutput> {
  const snapshot = read.problems.length > 0 ? { ...read.snapshot, unread: read.problems } : read.snapshot;
  const complete = !readIncomplete(read.problems) && read.snapshot.projects.length > 0;
  const written = complete ? out : incompletePath(out);
  await saveSnapshotFile(written, snapshot);
  return { written, complete };
}
