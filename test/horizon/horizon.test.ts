import {
  DAYS_PER_MONTH,
  daysBetween,
  duringSprint,
  isoDay,
  monthsBetween,
  monthsSpanned,
  plannedSpan,
  sprintLengthDays,
  weeksBetween,
} from '../../src/horizon';

describe('plannedSpan', () => {
  it.each([
    [
      { targetStart: '2026-01-01', targetEnd: '2026-01-29' },
      { start: '2026-01-01', end: '2026-01-29', days: 28 },
    ],
    [
      { startDate: '2026-01-01', dueDate: '2026-03-01' },
      { start: '2026-01-01', end: '2026-03-01', days: 59 },
    ],
    [
      { targetStart: '2026-02-01', startDate: '2026-01-01', targetEnd: '2026-03-01', dueDate: '2026-12-31' },
      { start: '2026-02-01', end: '2026-03-01', days: 28 },
    ],
    [{ startDate: '2026-01-01' }, undefined],
    [{ startDate: '2026-03-01', dueDate: '2026-01-01' }, undefined],
  ])('%j', (item, expected) => {
    expect(plannedSpan(item)).toEqual(expected);
  });
});

describe('day, week and month arithmetic', () => {
  it.each([
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-11-22T23:30:00.000Z', '2026-11-23T00:30:00.000Z', 1],
    ['2026-11-22', '2026-11-22T23:59:59.000Z', 0],
  ])('daysBetween(%s, %s) = %d whatever the machine zone', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('weeks and months', () => {
    expect(weeksBetween('2026-01-01', '2026-01-29')).toBe(4);
    expect(monthsBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(monthsBetween('2026-06-01', '2026-01-01')).toBe(-5);
    expect(monthsSpanned(730.485)).toBeCloseTo(24, 5);
  });
});

describe('sprints', () => {
  const sprint = { startDate: '2026-11-16T09:00:00.000Z', endDate: '2026-11-30T09:00:00.000Z' };

  it('measures a sprint', () => {
    expect(sprintLengthDays(sprint)).toBe(14);
    expect(sprintLengthDays({ startDate: sprint.startDate })).toBeUndefined();
    expect(sprintLengthDays({ startDate: sprint.endDate, endDate: sprint.startDate })).toBeUndefined();
  });

  it.each([
    ['2026-11-16T08:59:59.000Z', false],
    ['2026-11-16T09:00:00.000Z', true],
    ['2026-11-30T09:00:00.000Z', true],
    ['2026-12-01T00:00:00.000Z', false],
  ])('duringSprint(%s) = %s', (at, expected) => {
    expect(duringSprint(at, sprint)).toBe(expected);
  });

  it('uses the completion time when the sprint closed late', () => {
    expect(duringSprint('2026-12-01T00:00:00.000Z', { ...sprint, completeDate: '2026-12-02T10:00:00.000Z' })).toBe(
      true,
    );
    expect(duringSprint('2026-12-01T00:00:00.000Z', {})).toBe(false);
  });
});

describe('isoDay: the calendar day as written', () => {
  it.each<[string | Date, string]>([
    ['2026-12-02T09:00:00.000Z', '2026-12-02'],
    ['2026-12-02T23:30:00.000-0800', '2026-12-02'],
    ['2026-12-02', '2026-12-02'],
    [new Date('2026-12-02T23:30:00.000-08:00'), '2026-12-03'],
    [new Date(Date.UTC(2027, 0, 1)), '2027-01-01'],
  ])('%p → %s', (value, day) => {
    expect(isoDay(value)).toBe(day);
  });
});

describe('DAYS_PER_MONTH', () => {
  it('is the average Gregorian month: 400 years of months make 146,097 days', () => {
    expect(DAYS_PER_MONTH * 12 * 400).toBeCloseTo(146_097, 9);
  });
});
