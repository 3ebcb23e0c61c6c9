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

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return false;
    previous = current;
  }
  return (previous[b.length] ?? limit + 1) <= limit;
}
