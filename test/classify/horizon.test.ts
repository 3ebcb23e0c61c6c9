import { DEFAULT_THRESHOLDS } from '../../src/criteria';
import { dayNumber, describeAhead, describeSpan, horizonLean, shiftLean } from '../../src/classify/horizon';

describe('horizonLean (C5)', () => {
  it.each<[number, number]>([
    [-10, -1],
    [0, -1],
    [28, -1],
    [183, 1],
    [700, 1],
  ])('%i days ahead → %d', (days, lean) => {
    expect(horizonLean(days, DEFAULT_THRESHOLDS)).toBe(lean);
  });

  it('rises steadily between the tactical and the strategic horizon, crossing zero near ten weeks', () => {
    const leans = [35, 50, 70, 100, 150].map((days) => horizonLean(days, DEFAULT_THRESHOLDS));
    expect(leans).toEqual([...leans].sort((a, b) => a - b));
    expect(horizonLean(49, DEFAULT_THRESHOLDS)).toBeLessThan(0);
    expect(horizonLean(91, DEFAULT_THRESHOLDS)).toBeGreaterThan(0);
  });

  it('treats a slip of up to four weeks as tactical and a quarter as a re-plan', () => {
    expect(shiftLean(-21, DEFAULT_THRESHOLDS)).toBe(-1);
    expect(shiftLean(92, DEFAULT_THRESHOLDS)).toBe(1);
  });
});

describe('describing spans', () => {
  it.each<[number, string]>([
    [1, '1 day'],
    [13, '13 days'],
    [91, '13 weeks'],
    [183, '6 months'],
    [800, '2 years'],
    [-21, '3 weeks'],
  ])('%i days → %s', (days, text) => {
    expect(describeSpan(days)).toBe(text);
  });

  it.each<[number, string]>([
    [-3, 'a date already past'],
    [0, 'today'],
    [10, '10 days out'],
    [40, '6 weeks out'],
    [274, '9 months out'],
  ])('%i days ahead → %s', (days, text) => {
    expect(describeAhead(days)).toBe(text);
  });
});

describe('dayNumber', () => {
  it('counts calendar days, reading an instant by its UTC date', () => {
    expect((dayNumber('2027-01-01') as number) - (dayNumber('2026-01-01') as number)).toBe(365);
    expect(dayNumber('2026-10-01T23:59:59.000Z')).toBe(dayNumber('2026-10-01'));
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it.each(['2026-02-30', '2026-13-01', 'soon', '', undefined])('%s is no day', (value) => {
    expect(dayNumber(value)).toBeUndefined();
  });
});
