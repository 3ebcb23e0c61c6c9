import { addWeeks, format } from 'date-fns';
import type { WeeklySummary } from '../../src/scan/summary';
import {
  buildTrend,
  describeGaps,
  describeSeries,
  describeWeek,
  formatRate,
  formatShareOf,
  overlapRate,
  unownedShare,
  weekOverWeek,
} from '../../static/app/src/trend';

function week(weekStart: string, figures: Partial<WeeklySummary> = {}): WeeklySummary {
  return {
    weekStart,
    auditedAt: `${weekStart}T08:00:00.000Z`,
    items: 50,
    actions: 200,
    roadmapItems: 10,
    unownedRoadmapItems: 3,
    overlapFindings: 4,
    findings: 12,
    findingsByRule: {},
    findingsBySeverity: {},
    ...figures,
  };
}

describe('rates', () => {
  it('counts overlap flags per 100 actions and has no rate without actions', () => {
    expect(overlapRate({ overlapFindings: 2, actions: 106 })).toBeCloseTo(1.8868, 4);
    expect(overlapRate({ overlapFindings: 0, actions: 40 })).toBe(0);
    expect(overlapRate({ overlapFindings: 3, actions: 0 })).toBeUndefined();
    expect(overlapRate({ overlapFindings: 3, actions: Number.NaN })).toBeUndefined();
  });

  it('gives the unowned share of roadmap items, none without roadmap items, and never above all of them', () => {
    expect(unownedShare({ unownedRoadmapItems: 1, roadmapItems: 14 })).toBeCloseTo(1 / 14, 10);
    expect(unownedShare({ unownedRoadmapItems: 0, roadmapItems: 0 })).toBeUndefined();
    expect(unownedShare({ unownedRoadmapItems: 5, roadmapItems: 4 })).toBe(1);
  });

  it('shows rates to one decimal (two below 1) and shares in whole per cent, a dash for none', () => {
    expect(formatRate(1.8868)).toBe('1.9');
    expect(formatRate(2)).toBe('2.0');
    expect(formatRate(0.0827)).toBe('0.08');
    expect(formatRate(0.996)).toBe('1.0');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(undefined)).toBe('—');
    expect(formatShareOf(1 / 14)).toBe('7%');
    expect(formatShareOf(undefined)).toBe('—');
  });
});

describe('buildTrend', () => {
  it('is empty without history', () => {
    expect(buildTrend([])).toEqual({ weeks: [], slots: [], gaps: [] });
  });

  it('orders weeks oldest first and keeps the latest audit of a week', () => {
    const trend = buildTrend([
      week('2026-11-16', { findings: 5 }),
      week('2026-11-09', { findings: 7 }),
      { ...week('2026-11-16', { findings: 6 }), auditedAt: '2026-11-20T08:00:00.000Z' },
    ]);
    expect(trend.weeks.map((entry) => [entry.weekStart, entry.findings])).toEqual([
      ['2026-11-09', 7],
      ['2026-11-16', 6],
    ]);
    expect(trend.gaps).toEqual([]);
  });

  it('gives every week a slot and collects runs of weeks without an audit', () => {
    const trend = buildTrend([week('2026-10-05'), week('2026-10-19'), week('2026-11-09'), week('2026-11-16')]);
    expect(trend.slots.map((slot) => [slot.weekStart, slot.week !== undefined])).toEqual([
      ['2026-10-05', true],
      ['2026-10-12', false],
      ['2026-10-19', true],
      ['2026-10-26', false],
      ['2026-11-02', false],
      ['2026-11-09', true],
      ['2026-11-16', true],
    ]);
    expect(trend.gaps).toEqual([
      { from: '2026-10-12', to: '2026-10-12', weeks: 1 },
      { from: '2026-10-26', to: '2026-11-02', weeks: 2 },
    ]);
    expect(describeGaps(trend.gaps)).toBe(
      'No background audit was recorded in the week of 12 Oct 2026 and the 2 weeks from 26 Oct 2026 to 2 Nov 2026, so the chart leaves those weeks empty.',
    );
  });

  it('takes a week start that is not a Monday as its week, and leaves out entries that are not dates', () => {
    const trend = buildTrend([week('2026-11-18'), week('not a week'), week('2026-11-09')]);
    expect(trend.weeks.map((entry) => entry.weekStart)).toEqual(['2026-11-09', '2026-11-16']);
  });

  it('has a single slot and no gaps with one week', () => {
    const trend = buildTrend([week('2026-11-16', { actions: 0, roadmapItems: 0, unownedRoadmapItems: 0 })]);
    expect(trend.slots).toHaveLength(1);
    expect(trend.weeks[0]).toMatchObject({ overlapRate: undefined, unownedShare: undefined });
    expect(describeGaps(trend.gaps)).toBeUndefined();
    expect(weekOverWeek(trend)).toEqual([]);
  });
});

describe('weekOverWeek', () => {
  it('says what changed against the week before', () => {
    const trend = buildTrend([
      week('2026-11-09', { unownedRoadmapItems: 3, overlapFindings: 2, actions: 100, findings: 10 }),
      week('2026-11-16', { unownedRoadmapItems: 1, overlapFindings: 3, actions: 100, findings: 11 }),
    ]);
    expect(weekOverWeek(trend)).toEqual([
      '2 fewer unowned roadmap items than the week before (1, down from 3).',
      'The overlap rate rose from 2.0 to 3.0 overlap flags per 100 actions since the week before.',
      '1 more flag than the week before (11, up from 10).',
    ]);
  });

  it('names the week compared with when weeks without an audit lie between', () => {
    const trend = buildTrend([
      week('2026-10-26', { unownedRoadmapItems: 2 }),
      week('2026-11-16', { unownedRoadmapItems: 3, overlapFindings: 2 }),
    ]);
    expect(weekOverWeek(trend)).toEqual([
      '1 more unowned roadmap item than the week of 26 Oct 2026 (3, up from 2).',
      'The overlap rate fell from 2.0 to 1.0 overlap flags per 100 actions since the week of 26 Oct 2026.',
      'As many flags as the week of 26 Oct 2026 (12).',
    ]);
  });

  it('compares rates as shown, so a change below what is shown reads as none', () => {
    const trend = buildTrend([
      week('2026-11-09', { overlapFindings: 2, actions: 106 }),
      week('2026-11-16', { overlapFindings: 2, actions: 107 }),
    ]);
    expect(weekOverWeek(trend)[1]).toBe(
      'The overlap rate is 1.9 overlap flags per 100 actions, as in the week before.',
    );
  });

  it('has no rate to compare when either week recorded no actions', () => {
    const noneBefore = buildTrend([week('2026-11-09', { actions: 0 }), week('2026-11-16')]);
    expect(weekOverWeek(noneBefore)[1]).toBe(
      'The overlap rate is 2.0 per 100 actions; the week before recorded no actions, so there is no rate to compare.',
    );
    const noneNow = buildTrend([week('2026-11-09'), week('2026-11-16', { actions: 0 })]);
    expect(weekOverWeek(noneNow)[1]).toBe(
      "No overlap rate for the latest week: its audit recorded no actions on the project's issues.",
    );
  });

  it('says when there were none in either week', () => {
    const trend = buildTrend([
      week('2026-11-09', { unownedRoadmapItems: 0 }),
      week('2026-11-16', { unownedRoadmapItems: 0 }),
    ]);
    expect(weekOverWeek(trend)[0]).toBe('No unowned roadmap items, as in the week before.');
  });
});

describe('text alternatives', () => {
  it('describes a week in one sentence, zero actions and no roadmap items included', () => {
    const [normal, empty] = buildTrend([
      week('2026-11-09', { overlapFindings: 2, actions: 106, unownedRoadmapItems: 1, roadmapItems: 14, findings: 5 }),
      week('2026-11-16', { actions: 0, roadmapItems: 0, findings: 1 }),
    ]).weeks;
    expect(describeWeek(normal!)).toBe(
      '1.9 overlap flags per 100 actions (2 in 106 actions), 1 of 14 roadmap items unowned (7%), 5 flags',
    );
    expect(describeWeek(empty!)).toBe('no overlap rate (no actions recorded), no roadmap items, 1 flag');
  });

  it('lists every value of a short series and skips weeks without one', () => {
    const points = [
      { weekStart: '2026-11-02', value: 3 },
      { weekStart: '2026-11-09', value: undefined },
      { weekStart: '2026-11-16', value: 1 },
    ];
    expect(describeSeries('Unowned roadmap items', points, String)).toBe(
      'Unowned roadmap items, week by week from 2 Nov 2026 to 16 Nov 2026: 2 Nov 3; 16 Nov 1.',
    );
    expect(describeSeries('Flags', [{ weekStart: '2026-11-16', value: 5 }], String)).toBe(
      'Flags, in the week of 16 Nov 2026: 16 Nov 5.',
    );
    expect(describeSeries('Overlap', [{ weekStart: '2026-11-16', value: undefined }], String)).toBe(
      'Overlap: no week has a value yet.',
    );
  });

  it('sums up a long series by its latest, lowest and highest values', () => {
    const findings = [4, 9, 2, 5, 5, 5, 5, 5, 5, 6];
    const trend = buildTrend(
      findings.map((count, index) =>
        week(format(addWeeks(new Date(2026, 8, 7), index), 'yyyy-MM-dd'), { findings: count }),
      ),
    );
    const points = trend.slots.map((slot) => ({ weekStart: slot.weekStart, value: slot.week?.findings }));
    expect(points).toHaveLength(10);
    expect(describeSeries('Flags', points, String)).toBe(
      'Flags, week by week from 7 Sept 2026 to 9 Nov 2026: latest 6 (9 Nov), lowest 2 (21 Sept), highest 9 (14 Sept).',
    );
  });
});
