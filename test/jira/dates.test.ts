import { parseJiraTime, toCalendarDate, toInstant } from '../../src/jira/dates';

describe('parseJiraTime / toInstant', () => {
  it.each([
    ['2026-03-16T14:40:31.000+0000', '2026-03-16T14:40:31.000Z'],
    ['2026-03-16T14:40:31.000+0800', '2026-03-16T06:40:31.000Z'],
    ['2026-03-16T14:40:31.000-0500', '2026-03-16T19:40:31.000Z'],
    ['2026-03-16T14:40:31.000+05:30', '2026-03-16T09:10:31.000Z'],
    ['2026-03-16T14:40:31Z', '2026-03-16T14:40:31.000Z'],
    [1492070429, '2017-04-13T08:00:29.000Z'],
    [1492070429000, '2017-04-13T08:00:29.000Z'],
  ])('%p → %s', (input, expected) => {
    expect(toInstant(input)).toBe(expected);
  });

  it.each([[''], ['not a date'], [null], [undefined], [{}], [Number.NaN]])('%p is no time', (input) => {
    expect(parseJiraTime(input)).toBeUndefined();
  });
});

describe('toCalendarDate', () => {
  it.each([
    ['2027-06-30', '2027-06-30'],
    ['2027-06-30T00:00:00.000+0800', '2027-06-30'],
    ['2027-02-30', undefined],
    ['30/06/2027', undefined],
    [20270630, undefined],
  ])('%p → %p', (input, expected) => {
    expect(toCalendarDate(input)).toBe(expected);
  });
});
