import { auditSite } from '../../src/audit';
import { auditByProject } from '../../src/audit/sharded';
import { deciderOf, decisionWeeks, TREND_WEEKS, type DatedDecision, type DecisionWeek } from '../../src/audit/weekly';
import { defaultConfig } from '../../src/config/defaults';
import type { Action } from '../../src/domain/model';
import { isoWeekStart, lastIsoWeeks } from '../../src/domain/weeks';
import { change, comment, item, NOW, person, project, site } from '../fixtures/build-site';

/** NOW is Sunday 22 Nov 2026, 08:00 UTC: its ISO week starts on Monday 16 Nov. */
const WEEKS = lastIsoWeeks(NOW, TREND_WEEKS);

describe('ISO weeks by the UTC calendar', () => {
  it.each([
    ['a Monday at midnight', '2026-11-16T00:00:00.000Z', '2026-11-16'],
    ['the Sunday before, a second to midnight', '2026-11-15T23:59:59.999Z', '2026-11-09'],
    ['a Sunday morning', '2026-11-22T08:00:00.000Z', '2026-11-16'],
    ['New Year’s Day on a Friday (its week starts the year before)', '2027-01-01T12:00:00.000Z', '2026-12-28'],
    ['late on a Sunday in UTC, already Monday east of it', '2026-11-22T23:30:00.000Z', '2026-11-16'],
  ])('%s', (_, instant, monday) => {
    expect(isoWeekStart(new Date(instant))).toBe(monday);
  });

  it('lists the last weeks oldest first, ending with the week of now', () => {
    expect(WEEKS).toHaveLength(12);
    expect(WEEKS[0]).toBe('2026-08-31');
    expect(WEEKS[11]).toBe('2026-11-16');
    expect(lastIsoWeeks(new Date('2027-01-04T00:00:00.000Z'), 2)).toEqual(['2026-12-28', '2027-01-04']);
  });
});

describe('who counts as a PM or a PO', () => {
  it.each([
    [['pm'] as const, 'pm'],
    [['po'] as const, 'po'],
    [['pm', 'po'] as const, 'other'],
    [[] as const, 'other'],
  ])('%j counts as %s', (roles, decider) => {
    expect(deciderOf(roles)).toBe(decider);
  });
});

const decision = (at: string, decider: DatedDecision['decider'], kind: DatedDecision['kind']): DatedDecision => ({
  at,
  decider,
  kind,
});
const counted = (weeks: DecisionWeek[], weekStart: string) => weeks.find((week) => week.weekStart === weekStart);
const SINCE_90_DAYS = new Date('2026-08-24T08:00:00.000Z');

describe('decisionWeeks', () => {
  it.each<[string, DatedDecision, string, 'pm' | 'po' | 'other', 'strategic' | 'tactical']>([
    [
      'Sunday 23:59 falls in the week it ends',
      decision('2026-11-15T23:59:59.000Z', 'po', 'strategic'),
      '2026-11-09',
      'po',
      'strategic',
    ],
    [
      'Monday 00:00 starts the next week',
      decision('2026-11-16T00:00:00.000Z', 'pm', 'tactical'),
      '2026-11-16',
      'pm',
      'tactical',
    ],
    [
      'the first week of the twelve',
      decision('2026-08-31T09:00:00.000Z', 'other', 'tactical'),
      '2026-08-31',
      'other',
      'tactical',
    ],
    ['now itself is counted', decision(NOW.toISOString(), 'po', 'tactical'), '2026-11-16', 'po', 'tactical'],
  ])('%s', (_, entry, weekStart, decider, kind) => {
    const weeks = decisionWeeks([entry], { since: SINCE_90_DAYS, now: NOW, firstRecorded: '2026-01-01T00:00:00.000Z' });
    expect(weeks.map((week) => week.weekStart)).toEqual(WEEKS);
    const week = counted(weeks, weekStart)!;
    expect(week.decisions![decider][kind]).toBe(1);
    const total = weeks.reduce(
      (sum, each) =>
        sum +
        Object.values(each.decisions ?? {}).reduce((inner, counts) => inner + counts.strategic + counts.tactical, 0),
      0,
    );
    expect(total).toBe(1);
  });

  it('counts every week of a 90-day window, the last one up to the audit’s day', () => {
    const weeks = decisionWeeks([], { since: SINCE_90_DAYS, now: NOW, firstRecorded: '2026-01-01T00:00:00.000Z' });
    expect(weeks.every((week) => week.decisions !== undefined && week.countedFrom === undefined)).toBe(true);
    expect(weeks[11]).toMatchObject({ weekStart: '2026-11-16', countedUntil: '2026-11-22' });
    expect(weeks.slice(0, 11).every((week) => week.countedUntil === undefined)).toBe(true);
    expect(weeks[0]!.decisions).toEqual({
      pm: { strategic: 0, tactical: 0 },
      po: { strategic: 0, tactical: 0 },
      other: { strategic: 0, tactical: 0 },
    });
  });

  it('has no data before a window that starts within the twelve weeks, and counts from its start in its first week', () => {
    // A 30-day window: from Friday 23 Oct 08:00.
    const since = new Date('2026-10-23T08:00:00.000Z');
    const weeks = decisionWeeks(
      [
        decision('2026-10-23T07:59:00.000Z', 'po', 'strategic'),
        decision('2026-10-23T08:00:00.000Z', 'po', 'strategic'),
        decision('2026-10-20T10:00:00.000Z', 'pm', 'tactical'),
      ],
      { since, now: NOW, firstRecorded: '2025-01-01T00:00:00.000Z' },
    );
    const before = weeks.filter((week) => week.weekStart < '2026-10-19');
    expect(before).toHaveLength(7);
    expect(before.every((week) => week.decisions === undefined)).toBe(true);
    expect(counted(weeks, '2026-10-19')).toMatchObject({
      countedFrom: '2026-10-23',
      decisions: { po: { strategic: 1, tactical: 0 }, pm: { strategic: 0, tactical: 0 } },
    });
  });

  it('has no data before the project’s first recorded action, and zeros after it', () => {
    const weeks = decisionWeeks([decision('2026-11-03T10:00:00.000Z', 'pm', 'strategic')], {
      since: SINCE_90_DAYS,
      now: NOW,
      firstRecorded: '2026-11-03T10:00:00.000Z',
    });
    expect(weeks.filter((week) => week.decisions === undefined).map((week) => week.weekStart)).toEqual(
      WEEKS.slice(0, 9),
    );
    expect(counted(weeks, '2026-11-02')).toMatchObject({ countedFrom: '2026-11-03' });
    expect(counted(weeks, '2026-11-02')!.decisions!.pm.strategic).toBe(1);
    expect(counted(weeks, '2026-11-09')!.decisions!.pm).toEqual({ strategic: 0, tactical: 0 });
  });

  it('does not say where counting starts when it starts on the week’s Monday', () => {
    const weeks = decisionWeeks([], { since: SINCE_90_DAYS, now: NOW, firstRecorded: '2026-11-09T00:00:00.000Z' });
    expect(counted(weeks, '2026-11-09')).not.toHaveProperty('countedFrom');
    expect(counted(weeks, '2026-11-02')).toEqual({ weekStart: '2026-11-02' });
  });

  it('has no data at all for a project with nothing recorded', () => {
    const weeks = decisionWeeks([], { since: SINCE_90_DAYS, now: NOW, firstRecorded: undefined });
    expect(weeks).toEqual(WEEKS.map((weekStart) => ({ weekStart })));
  });

  it('leaves out decisions after the audit’s now', () => {
    const weeks = decisionWeeks([decision('2026-11-22T09:00:00.000Z', 'po', 'tactical')], {
      since: SINCE_90_DAYS,
      now: NOW,
      firstRecorded: '2026-01-01T00:00:00.000Z',
    });
    expect(weeks[11]!.decisions!.po.tactical).toBe(0);
  });
});

describe('a project’s weeks in the audit', () => {
  /** Olga is MOB's PO, Pat its PM; Dev holds no role; the bot is an app. */
  const redate = (by: string, at: string): Action =>
    change('MOB-1', by, at, [{ meaning: 'targetEnd', fromValue: '2027-01-31', toValue: '2027-06-30' }]);
  const estimate = (by: string, at: string): Action =>
    change('MOB-2', by, at, [{ meaning: 'storyPoints', fromText: '3', toText: '5' }]);
  const mob = site({
    people: [
      person('pat', 'Pat Manager'),
      person('olga', 'Olga Owner'),
      person('dev', 'Dev Eloper'),
      person('bot', 'Automation', { kind: 'app' }),
    ],
    projects: [project('MOB', { pm: ['pat'], po: ['olga'] })],
    items: [item('MOB-1', { level: 1, targetStart: '2026-12-01', targetEnd: '2027-06-30' }), item('MOB-2')],
    actions: [
      redate('olga', '2026-11-10T10:00:00.000Z'),
      estimate('pat', '2026-11-11T10:00:00.000Z'),
      estimate('olga', '2026-11-17T10:00:00.000Z'),
      redate('pat', '2026-11-18T10:00:00.000Z'),
      estimate('dev', '2026-11-18T11:00:00.000Z'),
      estimate('bot', '2026-11-18T12:00:00.000Z'),
      comment('MOB-1', 'olga', '2026-11-19T10:00:00.000Z', 'Pricing decision: we charge EUR 99 a month from Q2 2027.'),
    ],
  });

  it('counts decisions by who took them, crossings included, and leaves out apps and comments', () => {
    const report = auditSite(mob, defaultConfig(), { now: NOW });
    const weeks = report.projects[0]!.weeks;
    expect(weeks).toHaveLength(12);
    expect(counted(weeks, '2026-11-09')!.decisions).toEqual({
      pm: { strategic: 0, tactical: 1 },
      po: { strategic: 1, tactical: 0 },
      other: { strategic: 0, tactical: 0 },
    });
    expect(counted(weeks, '2026-11-16')!.decisions).toEqual({
      pm: { strategic: 1, tactical: 0 },
      po: { strategic: 0, tactical: 1 },
      other: { strategic: 0, tactical: 1 },
    });
    // The project's first recorded action is on 10 Nov: the weeks before it have no data.
    expect(weeks.filter((week) => week.decisions === undefined)).toHaveLength(10);
    expect(auditByProject(mob, defaultConfig(), { now: NOW }).projects[0]!.weeks).toEqual(weeks);
  });
});
