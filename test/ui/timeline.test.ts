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

  it('marks now, always inside the chart when given', () => {
    expect(layoutTimeline(items, [], 1000, new Date(2026, 6, 1))!.now).toBeGreaterThan(0);
    expect(layoutTimeline(items, [], 1000)!.now).toBeUndefined();
    // Everything ended years before now: the chart reaches now, the items clipped at its start.
    const late = layoutTimeline(items, [], 1000, new Date(2030, 0, 1))!;
    expect(late.now).toBeCloseTo(1000, 5);
    expect(late.groups.flatMap((group) => group.rows).every((row) => row.clippedStart && row.x === 0)).toBe(true);
  });

  it('clips spans reaching far beyond now instead of squeezing the rest, and drops sprints wholly outside', () => {
    const now = new Date(2026, 10, 22);
    const layout = layoutTimeline(
      [
        { id: 'LONG', label: 'LONG', group: 'PORT', start: '2025-01-01', end: '2028-03-01' },
        { id: 'SHORT', label: 'SHORT', group: 'PAY', start: '2026-11-01', end: '2026-12-31' },
      ],
      [
        { id: 'old', label: 'Sprint 1', group: 'PAY', start: '2024-01-01', end: '2024-01-14' },
        { id: 'now', label: 'Sprint 9', group: 'PAY', start: '2026-11-16', end: '2026-11-30' },
      ],
      1000,
      now,
    )!;
    expect(layout.from).toEqual(new Date(2026, 4, 22));
    expect(layout.to).toEqual(new Date(2028, 2, 1));
    const [long, short] = layout.groups.map((group) => group.rows[0]!);
    expect(long).toMatchObject({ x: 0, clippedStart: true });
    expect(long!.clippedEnd).toBeUndefined();
    expect(short!.clippedStart).toBeUndefined();
    // Two months of a 21-month axis, not of a 38-month one.
    expect(short!.width).toBeGreaterThan(85);
    expect(layout.groups[1]!.bands.map((band) => band.id)).toEqual(['now']);
    const later = layoutTimeline(
      [{ id: 'LONG', label: 'LONG', group: 'PORT', start: '2026-01-01', end: '2029-12-31' }],
      [],
      1000,
      now,
    )!;
    expect(later.to).toEqual(new Date(2028, 4, 22));
    expect(later.groups[0]!.rows[0]).toMatchObject({ clippedStart: true, clippedEnd: true, x: 0, width: 1000 });
  });

  it('never sets two tick labels closer than they can be read', () => {
    const layout = layoutTimeline(
      [{ id: 'a', label: 'a', group: 'g', start: '2026-01-01', end: '2027-06-30' }],
      [],
      640,
    )!;
    const gaps = layout.ticks.slice(1).map((tick, index) => tick.x - layout.ticks[index]!.x);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(56);
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
