import type { DecisionWeek } from '../../src/audit/weekly';
import {
  axisTop,
  barsOf,
  describeBar,
  describeChart,
  describeNoData,
  describeTotals,
  firstCountedDay,
  lastCountedDay,
  totalsOf,
} from '../../static/app/src/trend';

const counts = (pm: [number, number], po: [number, number], other: [number, number] = [0, 0]) => ({
  pm: { strategic: pm[0], tactical: pm[1] },
  po: { strategic: po[0], tactical: po[1] },
  other: { strategic: other[0], tactical: other[1] },
});

/** Three weeks: one before the window, one counted from its Thursday, the audit's week so far. */
const WEEKS: DecisionWeek[] = [
  { weekStart: '2026-11-02' },
  { weekStart: '2026-11-09', countedFrom: '2026-11-12', decisions: counts([2, 1], [1, 6], [0, 3]) },
  { weekStart: '2026-11-16', countedUntil: '2026-11-22', decisions: counts([0, 0], [0, 0]) },
];

describe('the trend’s bars', () => {
  it('stack each measure by who decided, and leave weeks without data without a value (not zero)', () => {
    expect(barsOf(WEEKS, 'strategic').map((bar) => bar.total)).toEqual([undefined, 3, 0]);
    expect(barsOf(WEEKS, 'tactical')[1]!.segments).toEqual([
      { decider: 'pm', value: 1 },
      { decider: 'po', value: 6 },
      { decider: 'other', value: 3 },
    ]);
    // Across the boundary: the PM's tactical decision and the PO's strategic one, nobody else's.
    expect(barsOf(WEEKS, 'crossed')[1]).toEqual({
      weekStart: '2026-11-09',
      segments: [
        { decider: 'pm', value: 1 },
        { decider: 'po', value: 1 },
      ],
      total: 2,
    });
    expect(barsOf(WEEKS, 'crossed')[0]!.segments).toBeUndefined();
  });

  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [186, 200],
    [200, 200],
    [201, 500],
  ])('puts the axis top for a highest bar of %i at %i', (max, top) => {
    expect(axisTop(max)).toBe(top);
  });

  it('names each bar in words', () => {
    const [before, thursday, current] = barsOf(WEEKS, 'tactical');
    expect(describeBar(before!)).toBe('Week of 2 Nov: no data');
    expect(describeBar(thursday!)).toBe('Week of 9 Nov: 10 (PMs 1, POs 6, others 3)');
    expect(describeBar(current!)).toBe('Week of 16 Nov: none');
  });
});

describe('the trend in words', () => {
  it('starts on the first day counted and ends on the audit’s day', () => {
    expect(firstCountedDay(WEEKS)).toBe('2026-11-12');
    expect(lastCountedDay(WEEKS)).toBe('2026-11-22');
    expect(firstCountedDay([{ weekStart: '2026-11-02' }])).toBeUndefined();
  });

  it('sums the weeks and says who took which part', () => {
    expect(totalsOf(WEEKS)).toEqual({ strategic: 3, tactical: 10, crossed: 2, strategicByPm: 2, tacticalByPo: 6 });
    expect(describeTotals(WEEKS)).toBe(
      'From 12 Nov 2026 to 22 Nov 2026: 3 strategic decisions, 2 by Product Managers (67%); 10 tactical decisions, 6 by Product Owners (60%); 2 decisions across the role boundary.',
    );
  });

  it('says which weeks have no data and why, and nothing when all have', () => {
    expect(describeNoData(WEEKS)).toBe(
      "1 week has no data: counting starts on 12 Nov 2026, where the audit window or the project's records begin. No data is not the same as no decisions.",
    );
    expect(describeNoData(WEEKS.slice(1))).toBeUndefined();
    expect(describeNoData([{ weekStart: '2026-11-02' }])).toContain('No week has data');
  });

  it('describes a chart week by week', () => {
    expect(describeChart('strategic', WEEKS)).toBe(
      'Strategic decisions per week, 3 weeks from 2 Nov 2026 to 22 Nov 2026. Week of 2 Nov: no data; Week of 9 Nov: 3 (PMs 2, POs 1); Week of 16 Nov: none.',
    );
  });
});
