import { DEMO_LONG_HISTORY_KEY, DEMO_PLANTED, DEMO_USERS, generateDemoSite } from '../../src/dev/demo';
import { SNAPSHOT_FORMAT } from '../../src/jira/snapshot';
import { DAY_MS, indexSite, time } from './site-index';

describe('generateDemoSite', () => {
  const site = generateDemoSite();
  const index = indexSite(site);

  it('gives byte-identical JSON for the same seed, and different JSON for another seed', () => {
    expect(JSON.stringify(generateDemoSite())).toBe(JSON.stringify(site));
    expect(JSON.stringify(generateDemoSite({ seed: 7 }))).toBe(JSON.stringify(generateDemoSite({ seed: 7 })));
    expect(JSON.stringify(generateDemoSite({ seed: 7 }))).not.toBe(JSON.stringify(site));
  });

  it('keeps issue keys and planted subjects for any seed', () => {
    const other = indexSite(generateDemoSite({ seed: 99 }));
    expect([...other.issueByKey.keys()].sort()).toEqual([...index.issueByKey.keys()].sort());
    for (const planted of DEMO_PLANTED.filter((entry) => entry.subject.type === 'item')) {
      expect(other.issueByKey.get(planted.subject.key!)?.fields.summary).toBe(
        index.issueByKey.get(planted.subject.key!)?.fields.summary,
      );
    }
  });

  it('stores the default now as capturedAt in the snapshot format', () => {
    expect(site.format).toBe(SNAPSHOT_FORMAT);
    expect(site.capturedAt).toBe('2026-11-22T08:00:00.000Z');
  });

  it('moves the whole timeline with another now, by whole days', () => {
    const later = generateDemoSite({ now: '2027-03-01T08:00:00.000Z' });
    const shift = time('2027-03-01T08:00:00.000Z') - time('2026-11-22T08:00:00.000Z');
    expect(later.capturedAt).toBe('2027-03-01T08:00:00.000Z');
    const before = Object.values(site.sprints).flat();
    const after = Object.values(later.sprints).flat();
    expect(after.map((sprint) => sprint.state)).toEqual(before.map((sprint) => sprint.state));
    expect(
      after.map((sprint) => time(sprint.startDate!) - time(before.find((other) => other.id === sprint.id)!.startDate!)),
    ).toEqual(after.map(() => shift));
    expect(shift % DAY_MS).toBe(0);
  });

  it('is a realistic mid-size site', () => {
    const histories = site.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0);
    const comments = site.issues.reduce(
      (sum, issue) => sum + ((issue.fields.comment as { comments: unknown[] }).comments.length ?? 0),
      0,
    );
    const sprints = Object.values(site.sprints).flat();
    expect(site.projects).toHaveLength(6);
    expect(site.users.length).toBeGreaterThanOrEqual(25);
    expect(site.issues.length).toBeGreaterThanOrEqual(600);
    expect(site.issues.length).toBeLessThanOrEqual(900);
    expect(histories).toBeGreaterThanOrEqual(6000);
    expect(histories).toBeLessThanOrEqual(9000);
    expect(comments).toBeGreaterThanOrEqual(800);
    expect(sprints.length).toBeGreaterThanOrEqual(40);
    expect(site.boards.filter((board) => board.type === 'kanban')).toHaveLength(1);
    expect(site.boards.filter((board) => board.type === 'scrum').length).toBeGreaterThanOrEqual(3);
    expect(sprints.filter((sprint) => sprint.state === 'active').length).toBeGreaterThanOrEqual(3);
    expect(sprints.filter((sprint) => sprint.state === 'future').length).toBeGreaterThanOrEqual(3);
    expect(
      time(
        sprints.reduce((first, sprint) => (time(sprint.startDate!) < time(first.startDate!) ? sprint : first))
          .startDate!,
      ),
    ).toBeLessThan(index.now - 170 * DAY_MS);
  });

  it('holds one issue with exactly 120 histories, its full changelog', () => {
    const issue = index.issueByKey.get(DEMO_LONG_HISTORY_KEY)!;
    expect(issue.changelog?.histories).toHaveLength(120);
    expect(issue.changelog?.total).toBe(120);
    expect(site.issues.filter((other) => other.changelog!.histories.length === 120).map((other) => other.key)).toEqual([
      DEMO_LONG_HISTORY_KEY,
    ]);
    for (const seed of [1, 2, 3]) {
      expect(
        indexSite(generateDemoSite({ seed })).issueByKey.get(DEMO_LONG_HISTORY_KEY)!.changelog!.histories,
      ).toHaveLength(120);
    }
  });

  it('lists who is who, with the users present on the site', () => {
    expect(new Set(DEMO_USERS.map((user) => user.role))).toEqual(
      new Set(['pm', 'po', 'dev', 'scrum-master', 'app', 'former']),
    );
    for (const user of DEMO_USERS) {
      const onSite = site.users.find((candidate) => candidate.accountId === user.accountId);
      expect(onSite?.displayName).toBe(user.displayName);
      expect(onSite?.emailAddress).toBe(user.email);
    }
  });
});
