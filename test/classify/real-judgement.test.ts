/** @needs-shared real-jira labeled/real-dev.jsonl */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readActionCases, scoreNamedActions, SiteClassifier } from '../../src/cli/real-data';
import type { Classification } from '../../src/classify';
import { loadAppcelerator, loadDevlake, loadIssueshark, loadJirametrics } from '../../src/jira/import';
import type { ImportResult } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import { REAL_JIRA } from '../real-jira/support';

/**
 * The classifier's judgement on real sites, each pattern pinned with real actions: the item as it was, bookkeeping,
 * requests against decisions. Each data set is read through its importer and each action classified inside its whole
 * site, as an audit does.
 */
const REAL_DEV = resolve(__dirname, '../../../shared/labeled/real-dev.jsonl');

function classifierOf(load: () => ImportResult): (actionId: string) => Classification {
  return classifying(new SiteClassifier(normaliseSite(load().snapshot)));
}

function classifying(classifier: SiteClassifier): (actionId: string) => Classification {
  return (actionId) => {
    const result = classifier.classify(actionId);
    if (!result) throw new Error(`${actionId} is not on the site`);
    return result;
  };
}

function expectJudged(result: Classification, role: Classification['role'], reason: RegExp): void {
  expect(result.role).toBe(role);
  expect(result.reason).toMatch(reason);
}

describe('the item as it was, on devlake', () => {
  const classify = classifierOf(() => loadDevlake(join(REAL_JIRA, 'devlake')));

  it("judges EE-1's fix version change of 2020 like the identical change on its siblings that day", () => {
    const ee1 = classify('EE-1:h18876');
    expect(ee1.reason).not.toMatch(/years? out/);
    for (const sibling of ['EE-2:h18877', 'EE-25:h18900']) expect(classify(sibling)).toEqual(ee1);
  });

  it('measures a fix version to its release date from the day of the change', () => {
    expectJudged(classify('EE-5:h10650'), 'tactical', /4 weeks out/);
  });
});

describe('bookkeeping on devlake, jirametrics and issueSHARK', () => {
  const devlake = classifierOf(() => loadDevlake(join(REAL_JIRA, 'devlake')));
  const issueshark = classifierOf(() => loadIssueshark(join(REAL_JIRA, 'issueshark')));
  const jirametrics = classifierOf(() => loadJirametrics(join(REAL_JIRA, 'jirametrics')));

  it('a workflow migration, and the status it resets, are neutral', () => {
    expectJudged(devlake('EE-34:h17354'), 'neutral', /workflow/);
    expectJudged(devlake('EE-17:h86125'), 'neutral', /workflow/);
  });

  it('an issue-type migration over many finished items is a bulk edit, not a bug-versus-enhancement call', () => {
    expectJudged(devlake('EE-16:h35317'), 'neutral', /bulk edit/);
  });

  it('a fix version set after the item was resolved, or stamped as it is resolved, is neutral', () => {
    expectJudged(issueshark('DRILL-1:h14145486'), 'neutral', /already resolved/);
    expect(devlake('EE-28:h11768').role).toBe('neutral');
  });

  it("a sub-task's creation and placement are the developers' own breakdown", () => {
    expect(devlake('EE-34:create').role).toBe('neutral');
    expect(devlake('EE-35:h10753').role).toBe('neutral');
  });

  it('planning stays planning: ranking, selecting a story for development, writing a story for the backlog', () => {
    expect(devlake('EE-17:h11599').role).toBe('tactical');
    expect(jirametrics('SP-1:h10035').role).toBe('tactical');
    expect(jirametrics('SP-8:create').role).toBe('tactical');
    expect(devlake('EE-19:create').role).toBe('tactical');
  });

  it("a clone link is Jira's bookkeeping, and a new feature item a proposal", () => {
    expect(jirametrics('SP-13:h10140').role).toBe('neutral');
    expect(issueshark('DRILL-138:create').role).toBe('neutral');
  });
});

describe('requests and decisions, and the scores, on all four data sets', () => {
  jest.setTimeout(600_000);
  const sites = new Map<string, SiteClassifier>();
  let appcelerator: (actionId: string) => Classification;
  beforeAll(() => {
    const loaders: Record<string, () => ImportResult> = {
      appcelerator: () => loadAppcelerator(join(REAL_JIRA, 'appcelerator-tidev.tgz')),
      devlake: () => loadDevlake(join(REAL_JIRA, 'devlake')),
      jirametrics: () => loadJirametrics(join(REAL_JIRA, 'jirametrics')),
      issueshark: () => loadIssueshark(join(REAL_JIRA, 'issueshark')),
    };
    for (const [source, load] of Object.entries(loaders))
      sites.set(source, new SiteClassifier(normaliseSite(load().snapshot)));
    appcelerator = classifying(sites.get('appcelerator') as SiteClassifier);
  });

  it('comments that report, verify or close as fixed are neutral whatever their topic', () => {
    expect(appcelerator('TIMOB-12285:c409920').role).toBe('neutral'); // "Closing ticket as fixed."
    expect(appcelerator('TIMOB-16988:c306101').role).toBe('neutral'); // QA verification
    expect(appcelerator('TIMOB-8639:c418686').role).toBe('neutral'); // resolving as invalid
    expect(appcelerator('ALOY-1604:c434325').role).toBe('neutral'); // a proposal awaiting agreement
  });

  it('comments that state a decision are decisions, on the backlog side for one delivery item', () => {
    expect(appcelerator('TIMOB-16291:c415196').role).toBe('tactical'); // closing as won't fix
    expect(appcelerator('TIMOB-23674:c391485').role).toBe('tactical'); // pushed to the next release
    expect(appcelerator('TIMOB-14520:c271000').role).toBe('tactical'); // decided to defer a fix
  });

  it('feature requests and technical tasks are not decisions; an epic for a new product direction is', () => {
    expect(appcelerator('TIMOB-4488:create').role).toBe('neutral');
    expect(appcelerator('TIMOB-19297:create').role).toBe('neutral');
    expect(appcelerator('DAEMON-73:create').role).toBe('strategic');
  });

  it('reaches the targets on the real development set', () => {
    const read = readActionCases(readFileSync(REAL_DEV, 'utf8'));
    const scored = scoreNamedActions(read, (entry) => {
      const site = sites.get(entry.source ?? '');
      if (!site) throw new Error(`case ${entry.id} names no loaded data set`);
      return site;
    });
    expect(scored.problems).toEqual([]);
    expect(scored.evaluation.accuracy).toBeGreaterThanOrEqual(0.92);
    expect(scored.evaluation.decisions.f1).toBeGreaterThanOrEqual(0.8);
    expect(scored.evaluation.falseStrategicPer100).toBeLessThanOrEqual(1);
  });
});
