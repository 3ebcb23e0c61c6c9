/** Small judgements about edited text: what an edit adds, and whether it is only a typo fix. */

/** Words the new text adds to the old one, so an edit is judged by what it says, not by what was already there. */
export function addedText(before: string | undefined, after: string | undefined): string {
  if (!after) return '';
  if (!before) return after;
  if (after.startsWith(before)) return after.slice(before.length);
  const known = new Set(before.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return after
    .split(/\s+/u)
    .filter((word) => !known.has(word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')))
    .join(' ');
}

/** A small edit (a typo or a case fix): at most two characters differ once case and spacing are ignored. */
export function isTypoFix(before: string | undefined, after: string | undefined): boolean {
  if (!before || !after) return false;
  const a = before.toLowerCase().replace(/\s+/gu, ' ').trim();
  const b = after.toLowerCase().replace(/\s+/gu, ' ').trim();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  return editDistanceAtMost(a, b, 2);
}

/**
 * Whether at most `limit` edits turn `a` into `b`. Only cells within `limit` of the diagonal can stay within it,
 * so each row computes that band alone: linear in the text's length, where the full table was quadratic (a
 * 60,000-character summary took minutes).
 */
function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  const beyond = limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => Math.min(index, beyond));
  let current = new Array<number>(b.length + 1).fill(beyond);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 ? Math.min(i, beyond) : beyond;
    let best = current[from - 1] ?? beyond;
    for (let j = from; j <= to; j++) {
      const value = Math.min(
        (previous[j] ?? beyond) + 1,
        (current[j - 1] ?? beyond) + 1,
        (previous[j - 1] ?? beyond) + (a[i - 1] === b[j - 1] ? 0 : 1),
        beyond,
      );
      current[j] = value;
      if (value < best) best = value;
    }
    if (to < b.length) current[to + 1] = beyond;
    if (best > limit) return false;
    [previous, current] = [current, previous];
  }
  return (previous[b.length] ?? beyond) <= limit;
}
