import fc from 'fast-check';
import type { Json } from '../../src/jira/snapshot';

/**
 * Building blocks for hostile Jira-like input: text as people and imports write it, times as Jira and broken
 * exports write them, junk to drop where something else belongs, and mutations that put it anywhere in a value.
 */

const TRICKY_TEXT = [
  '',
  '   ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;bold&lt;/b&gt;',
  '"; DROP TABLE issues; --',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  'constructor',
  'toString',
  '\u202eevil\u202c',
  '\u0000\u0007\u001b[31m',
  '\ud800',
  'line one\r\nline two\ttab',
  'Former user',
  'Q3 2027 roadmap: pricing and positioning for the enterprise market',
  'Sprint 12 backlog refinement, acceptance criteria and story points',
  'We decided to cut this from FY28',
  'Can we ship this in the next sprint?',
  '価格戦略を見直す 2027年上期',
  'Preisgestaltung für H2 2027',
  'ship it 🚀👩‍👩‍👧',
  '2027 2028 2029 q1 2030 h2 2031',
];

/** Up to 64,000 characters, twice what Jira lets a text field hold: a pasted log, an import that ignored the limit. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'roadmap ', '2027 ', 'x'.repeat(7), '😀', '<b>', 'Q3 2027 ', 'sprint '),
    fc.integer({ min: 1_000, max: 8_000 }),
  )
  .map(([piece, times]) => piece.repeat(times));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...TRICKY_TEXT), { maxLength: 4 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: hugeText },
);

/** Short text without the huge case, for places that are short in Jira (names, keys, labels). */
export const shortText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
);

/** Anything JSON can hold where something else was expected. */
export const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, 1.5, 1e300, -1e300, 8.64e15 + 1, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  shortText,
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const OFFSETS = ['Z', '+0000', '+0800', '-0500', '+0530', '-1200', '+1400', '+08:00', '-03:30'];

/** Within the years the tests' sites live in, so that every generated time is one Jira could write. */
const EARLIEST = Date.UTC(2012, 0, 1);
const LATEST = Date.UTC(2036, 0, 1);

/** `2026-03-16T14:40:31.000+0800` and its cousins, as Jira writes instants; the value is the instant in ms. */
export const jiraInstant: fc.Arbitrary<{ text: string | number; ms: number }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: EARLIEST, max: LATEST }), fc.constantFrom(...OFFSETS))
      .map(([ms, offset]) => ({ text: withOffset(ms, offset), ms })),
  },
  { weight: 1, arbitrary: fc.integer({ min: EARLIEST, max: LATEST }).map((ms) => ({ text: ms, ms })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: EARLIEST / 1000, max: LATEST / 1000 })
      .map((seconds) => ({ text: seconds, ms: seconds * 1000 })),
  },
);

function withOffset(ms: number, offset: string): string {
  const match = /^([+-])(\d\d):?(\d\d)$/.exec(offset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${offset}`;
}

/** Times no reader can place in the model's `YYYY-MM-DDTHH:mm:ss.sssZ`: nonsense, impossible dates, years outside 0–9999. */
export const unreadableTime: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    '  ',
    'yesterday',
    'NaN',
    '2026-13-01T10:00:00.000+0000',
    '2026-02-30T10:00:00.000+0000',
    '2026-11-02T25:61:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:30:00.000-1400',
    '0000-01-01T00:00:00.000+0100',
    1e20,
    -1e20,
    8.64e15,
    true,
    {},
    [],
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).filter((text) => !/\d/.test(text)),
);

export const jiraTime: fc.Arbitrary<Json> = fc.oneof(
  { weight: 8, arbitrary: jiraInstant.map((time) => time.text) },
  { weight: 2, arbitrary: unreadableTime },
);

/** `YYYY-MM-DD` (due dates, Start date), now and then a full instant or junk. */
export const calendarDate: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: EARLIEST, max: LATEST }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: jiraInstant.map((time) => time.text) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Json>('2026-02-30', '2026-00-10', '20261110', '10/11/2026', '0000-01-01', ''),
  },
  { weight: 1, arbitrary: junk },
);

/** A value that is usually `valid` and sometimes junk: how optional Jira fields arrive from odd sites and exports. */
export function loosely<T extends Json>(valid: fc.Arbitrary<T>, junkWeight = 1): fc.Arbitrary<Json> {
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: junkWeight, arbitrary: junk });
}

/** Up to `maxCount` replacements of a random place in the value (any depth, the root included) by junk. */
export function mutated<T extends Json>(value: fc.Arbitrary<T>, maxCount = 3): fc.Arbitrary<Json> {
  return fc.tuple(value, fc.array(fc.tuple(fc.nat(), junk), { maxLength: maxCount })).map(([original, mutations]) => {
    let result: Json = structuredClone(original);
    for (const [pick, replacement] of mutations) result = replaceAt(result, pick, replacement);
    return result;
  });
}

function replaceAt(root: Json, pick: number, replacement: Json): Json {
  const places: Array<{ parent: Json[] | { [key: string]: Json }; key: string | number }> = [];
  const visit = (value: Json) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      places.push({ parent: value, key: Array.isArray(value) ? Number(key) : key });
      visit(child);
    }
  };
  visit(root);
  const place = places[pick % (places.length + 1)];
  if (!place) return replacement;
  (place.parent as Record<string | number, Json>)[place.key] = replacement;
  return root;
}
