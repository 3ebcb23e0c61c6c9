import { addMonthsToDay, daysBetween, monthsAndDays } from '../../src/horizon';

describe('addMonthsToDay', () => {
  it.each([
    ['2027-02-01', 24, '2029-02-01'],
    ['2026-11-22', 3, '2027-02-22'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-02T09:00:00.000Z', 2, '2027-02-02'],
    ['2026-12-31T23:30:00.000Z', 0, '2026-12-31'],
    ['2026-01-01', 1.5, '2026-02-16'],
    ['2026-03-29', 0, '2026-03-29'],
    ['2026-10-25', 1, '2026-11-25'],
  ])('addMonthsToDay(%s, %d) = %s', (from, months, expected) => {
    expect(addMonthsToDay(from, months)).toBe(expected);
  });

  it('lands on the day the month threshold counts up to, one day short of being beyond it', () => {
    const limit = addMonthsToDay('2026-07-01', 24);
    expect(daysBetween(limit, '2028-07-01')).toBe(0);
    expect(daysBetween(limit, '2028-07-02')).toBe(1);
  });
});

describe('monthsAndDays', () => {
  it.each([
    ['2027-02-01', '2029-04-01', { months: 26, days: 0 }],
    ['2026-07-01', '2028-07-02', { months: 24, days: 1 }],
    ['2026-07-01', '2028-06-01', { months: 23, days: 0 }],
    ['2026-12-02T09:00:00.000Z', '2027-03-31', { months: 3, days: 29 }],
    ['2026-01-31', '2026-02-28', { months: 1, days: 0 }],
    ['2026-01-31', '2026-03-30', { months: 1, days: 30 }],
    ['2026-11-22', '2026-12-11', { months: 0, days: 19 }],
  ])('monthsAndDays(%s, %s)', (from, to, expected) => {
    expect(monthsAndDays(from, to)).toEqual(expected);
  });

  it('agrees with addMonthsToDay', () => {
    for (const months of [1, 2, 7, 24]) {
      const end = addMonthsToDay('2026-01-31', months);
      expect(monthsAndDays('2026-01-31', end)).toEqual({ months, days: 0 });
    }
  });
});
