import fc from 'fast-check';
import { normaliseSite } from '../../src/jira/normalise';
import type { Json, SiteSnapshot } from '../../src/jira/snapshot';
import { mutated } from './arbitraries';
import { holds } from './runs';
import { siteViolations } from './site-invariants';
import { taggedSnapshot } from './snapshots';

/** The normaliser is typed for snapshots but must take whatever JSON a file or a foreign export holds. */
const normalise = (value: Json) => normaliseSite(value as unknown as SiteSnapshot);

describe('normaliseSite on hostile Jira-like JSON', () => {
  it('never throws, and what it gives satisfies the domain model', () => {
    holds(
      'normaliseSound',
      fc.property(mutated(taggedSnapshot.map((tagged) => tagged.snapshot)), (snapshot) => {
        const site = normalise(snapshot);
        expect(siteViolations(site)).toEqual([]);
        expect(JSON.parse(JSON.stringify(site))).toEqual(site);
      }),
    );
  });

  it('keeps every well-formed issue, history and comment, and reports each broken one', () => {
    const ODD_VALUE = /is not a possible date|Parent links form a cycle|is nested too deeply/;
    holds(
      'normaliseCounts',
      fc.property(taggedSnapshot, ({ snapshot, expected }) => {
        const site = normalise(snapshot);
        expect(siteViolations(site)).toEqual([]);
        const counted = new Map(site.items.map((item) => [item.key, { changes: 0, comments: 0 }]));
        for (const action of site.actions) {
          const counts = counted.get(action.itemKey);
          if (counts && action.kind === 'change') counts.changes++;
          if (counts && action.kind === 'comment') counts.comments++;
        }
        expect(counted).toEqual(expected.items);
        expect(site.actions.filter((action) => action.kind === 'create')).toHaveLength(site.items.length);
        // Records skipped as broken; notes about values that were read but are odd (an impossible date, a parent
        // cycle, text nested too deep) are counted by the odd-data tests, not here.
        const skipped = site.problems.filter((problem) => !ODD_VALUE.test(problem.message));
        const problems = (scope: string) => skipped.filter((problem) => problem.scope === scope).length;
        expect({ issue: problems('issue'), history: problems('history'), comment: problems('comment') }).toEqual(
          expected.problems,
        );
      }),
    );
  });

  it('is deterministic and leaves its input as it was', () => {
    holds(
      'normaliseDeterministic',
      fc.property(
        mutated(
          taggedSnapshot.map((tagged) => tagged.snapshot),
          1,
        ),
        (snapshot) => {
          const before = structuredClone(snapshot);
          const first = normalise(snapshot);
          expect(snapshot).toEqual(before);
          expect(normalise(before)).toEqual(first);
        },
      ),
    );
  });
});
