import { layoutTimeline } from '../../static/app/src/timeline';

describe('layoutTimeline', () => {
  const items = [
    { id: 'MOB-1', label: 'MOB-1', group: 'MOB', start: '2026-01-01', end: '2026-07-01' },
    { id: 'MOB-2', label: 'MOB-2', group: 'MOB' },
    { id: 'PAY-1', label: 'PAY-1', group: 'PAY', start: '2026-04-01', end: '2026-12-31' },
  ];
  const sprints = [
    {
      id: '1',
      label: 'MOB Sprint 1',
      group: 'MOB',
      start: '2026-01-05T09:00:00.000Z',
      end: '2026-01-19T17:00:00.000Z',
    },
    {
      id: '2',
      label: 'MOB Sprint 2',
      group: 'MOB',
      start: '2026-01-19T09:00:00.000Z',
      end: '2026-02-02T17:00:00.000Z',
    },
    { id: '3', label: 'Other board', group: 'MOB', start: '2026-01-12T09:00:00.000Z', end: '2026-01-26T17:00:00.000Z' },
    { id: '4', label: 'Undated', group: 'PAY' },
  ];

  it('spans the earliest start to the latest end and places bars in proportion', () => {
    const layout = layoutTimeline(items, sprints, 1000)!;
    expect(layout.from).toEqual(new Date(2026, 0, 1));
    expect(layout.to).toEqual(new Date(2026, 11, 31));
    const [mob, pay] = layout.groups;
    expect(mob!.rows.map((row) => row.id)).toEqual(['MOB-1']);
    expect(mob!.rows[0]!.x).toBe(0);
    expect(mob!.rows[0]!.width).toBeCloseTo((181 / 364) * 1000, 0);
    expect(pay!.rows[0]!.x + pay!.rows[0]!.width).toBeCloseTo(1000, 5);
    expect(pay!.bands).toEqual([]);
  });

  it('puts overlapping sprints in separate lanes and back-to-back ones in the same lane', () => {
    const mob = layoutTimeline(items, sprints, 1000)!.groups[0]!;
    expect(Object.fromEntries(mob.bands.map((band) => [band.id, band.lane]))).toEqual({ '1': 0, '3': 1, '2': 0 });
    expect(mob.lanes).toBe(2);
  });

  it('ticks months, labelling the first and each January with the year, and thins them over long spans', () => {
    const short = layoutTimeline(
      [{ id: 'a', label: 'a', group: 'g', start: '2025-11-15', end: '2026-02-10' }],
      [],
      900,
    )!;
    expect(short.ticks.map((tick) => tick.label)).toEqual(['Dec 2025', 'Jan 2026', 'Feb']);
    const long = layoutTimeline(
      [{ id: 'a', label: 'a', group: 'g', start: '2026-01-01', end: '2028-12-31' }],
      [],
      900,
    )!;
    expect(long.ticks.map((tick) => tick.label)).toEqual([
      'Jan 2026',
      'Apr',
      'Jul',
      'Oct',
      'Jan 2027',
      'Apr',
      'Jul',
      'Oct',
      'Jan 2028',
      'Apr',
      'Jul',
      'Oct',
    ]);
  });

  it('marks now only inside the chart', () => {
    expect(layoutTimeline(items, [], 1000, new Date(2026, 6, 1))!.now).toBeGreaterThan(0);
    expect(layoutTimeline(items, [], 1000, new Date(2030, 0, 1))!.now).toBeUndefined();
  });

  it('has nothing to draw when nothing has both dates (or ends before it starts)', () => {
    expect(
      layoutTimeline(
        [{ id: 'a', label: 'a', group: 'g', start: '2026-05-01', end: '2026-04-01' }],
        [{ id: 's', label: 's', group: 'g' }],
        900,
      ),
    ).toBeUndefined();
  });
});
