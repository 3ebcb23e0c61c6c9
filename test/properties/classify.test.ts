import fc from 'fast-check';
import { ROLES, classifyAction, explainAction, type Classification } from '../../src/classify';
import { isTypoFix } from '../../src/classify/text';
import { isCriteriaId } from '../../src/criteria';
import type { Action, Item, Site } from '../../src/domain/model';
import { normaliseSite } from '../../src/jira/normalise';
import type { Json, SiteSnapshot } from '../../src/jira/snapshot';
import { action, byAnotherActor, context } from './domain';
import { holds } from './runs';
import { ACCOUNT_PREFIX, taggedSnapshot } from './snapshots';

function classificationProblems(result: Classification): string[] {
  const found: string[] = [];
  if (!ROLES.includes(result.role)) found.push(`role ${String(result.role)}`);
  if (!(Number.isFinite(result.confidence) && result.confidence >= 0 && result.confidence <= 1))
    found.push(`confidence ${result.confidence}`);
  if (!result.criteria.every((id) => isCriteriaId(id))) found.push(`criteria ${JSON.stringify(result.criteria)}`);
  if (new Set(result.criteria).size !== result.criteria.length)
    found.push(`criteria repeated ${JSON.stringify(result.criteria)}`);
  if (typeof result.reason !== 'string' || result.reason.trim() === '' || /[\n\r\t]/.test(result.reason))
    found.push(`reason ${JSON.stringify(result.reason)}`);
  return found;
}

/** Every action of a normalised site with its item, parent and sprints, as the audit classifies them. */
function classifySite(site: Site): Map<string, Classification> {
  const items = new Map(site.items.map((entry) => [entry.key, entry]));
  const sprints = new Map(site.sprints.map((sprint) => [sprint.id, sprint]));
  const results = new Map<string, Classification>();
  for (const entry of site.actions) {
    const subject = items.get(entry.itemKey) as Item;
    const parent = subject.parentKey === undefined ? undefined : items.get(subject.parentKey);
    results.set(entry.id, classifyAction(entry, { item: subject, sprints, ...(parent ? { parent } : {}) }));
  }
  return results;
}

/** The snapshot with every Cloud account renamed: another id, display name and email for each person. */
function renameAccounts(value: Json): Json {
  const rename = (id: string) => `${ACCOUNT_PREFIX}renamed-${[...id.slice(ACCOUNT_PREFIX.length)].reverse().join('')}`;
  if (typeof value === 'string') return value.startsWith(ACCOUNT_PREFIX) ? rename(value) : value;
  if (Array.isArray(value)) return value.map(renameAccounts);
  if (value === null || typeof value !== 'object') return value;
  const renamed = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, renameAccounts(child)]));
  if (typeof value.accountId === 'string' && value.accountId.startsWith(ACCOUNT_PREFIX)) {
    const accountId = typeof renamed.accountId === 'string' ? renamed.accountId : '';
    if ('displayName' in value) renamed.displayName = `Someone else ${accountId}`;
    if ('emailAddress' in value) renamed.emailAddress = `other-${accountId}@example.org`;
  }
  return renamed;
}

/** Levenshtein distance over the whole table: the plain definition the banded check must agree with. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(
        Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      );
    previous = current;
  }
  return previous[b.length] as number;
}

const squeezed = (text: string) => text.toLowerCase().replace(/\s+/gu, ' ').trim();

describe('isTypoFix', () => {
  it('calls an edit a typo fix exactly when at most two characters differ (case and spacing aside)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'A'), maxLength: 12 });
    const nearby = fc
      .tuple(word, fc.array(fc.tuple(fc.nat(), fc.constantFrom('', 'a', 'b', 'bc', 'c')), { maxLength: 3 }))
      .map(([text, edits]) => {
        let after = text;
        for (const [at, replacement] of edits) {
          const index = after.length === 0 ? 0 : at % after.length;
          after = after.slice(0, index) + replacement + after.slice(index + 1);
        }
        return [text, after] as const;
      });
    holds(
      'typoFixIsEditDistance',
      fc.property(fc.oneof(nearby, fc.tuple(word, word)), ([before, after]) => {
        const expected = before !== '' && after !== '' && editDistance(squeezed(before), squeezed(after)) <= 2;
        expect(isTypoFix(before, after)).toBe(expected);
      }),
    );
  });
});

describe('classifyAction on hostile actions and items', () => {
  it('never throws and gives one of the three roles, a confidence in [0, 1], known criteria and a one-line reason', () => {
    holds(
      'classifySound',
      fc.property(action, context, (subject, given) => {
        expect(classificationProblems(classifyAction(subject, given))).toEqual([]);
        for (const evidence of explainAction(subject, given)) {
          expect(ROLES).toContain(evidence.role);
          expect(Number.isFinite(evidence.weight) && evidence.weight >= 0).toBe(true);
          expect(evidence.criteria.every((id) => isCriteriaId(id))).toBe(true);
        }
      }),
    );
  });

  it('is deterministic: the same action and context, or a copy of them, classify the same', () => {
    holds(
      'classifyDeterministic',
      fc.property(action, context, (subject, given) => {
        const first = classifyAction(subject, given);
        expect(classifyAction(subject, given)).toEqual(first);
        expect(classifyAction(structuredClone(subject), structuredClone(given))).toEqual(first);
      }),
    );
  });

  it('never depends on who acted: another author, assignee, reporter, creator or user field changes nothing', () => {
    holds(
      'classifyActorBlind',
      fc.property(
        action,
        context,
        fc.constantFrom('acct:someone-else', 'acct:the-pm', 'acct:the-po'),
        (subject, given, other) => {
          const expected = classifyAction(subject, given);
          const swapped = byAnotherActor(subject, given, other);
          expect(classifyAction(swapped.action, swapped.context)).toEqual(expected);
          const { authorId: _author, ...anonymous } = subject;
          expect(classifyAction(anonymous as Action, given)).toEqual(expected);
          expect(explainAction(swapped.action, swapped.context)).toEqual(explainAction(subject, given));
        },
      ),
    );
  });

  it('classifies every action of a hostile snapshot the same when every account is renamed', () => {
    holds(
      'classifySiteActorBlind',
      fc.property(taggedSnapshot, ({ snapshot }) => {
        const site = normaliseSite(snapshot as unknown as SiteSnapshot);
        const renamed = normaliseSite(renameAccounts(snapshot) as unknown as SiteSnapshot);
        const results = classifySite(site);
        for (const result of results.values()) expect(classificationProblems(result)).toEqual([]);
        expect(classifySite(renamed)).toEqual(results);
        const authors = (of: Site) =>
          of.actions.map((entry) => entry.authorId).filter((id) => id?.startsWith(ACCOUNT_PREFIX));
        if (authors(site).length > 0) expect(authors(renamed)).not.toEqual(authors(site));
      }),
    );
  });
});
