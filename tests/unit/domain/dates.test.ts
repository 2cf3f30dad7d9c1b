import { describe, it, expect } from 'vitest';
import {
  addDays,
  daysBetween,
  formatInstant,
  formatInstantDate,
  formatStayDate,
  formatTime,
  isValidStayDate,
  nightsBetween,
  stayDateInZone,
} from '../../../src-shared/domain/dates';

describe('stay dates typed or imported by the agency', () => {
  it.each([
    ['2026-07-12', true, 'an ordinary summer arrival'],
    ['2028-02-29', true, 'the leap day of a leap year'],
    ['2026-12-31', true, 'new year eve'],
    ['2026-02-29', false, 'a leap day in a common year'],
    ['2026-02-30', false, 'a day February never has'],
    ['2026-04-31', false, 'the 31st of a 30-day month'],
    ['2026-13-01', false, 'a thirteenth month'],
    ['2026-00-10', false, 'a month zero'],
    ['2026-07-00', false, 'a day zero'],
    ['2026-1-1', false, 'missing leading zeros'],
    ['12/07/2026', false, 'the French display format'],
    ['2026-07-12T10:00:00Z', false, 'an instant instead of a day'],
    ['', false, 'an empty field'],
    [' 2026-07-12', false, 'stray whitespace'],
  ])('%s is valid: %s (%s)', (input, expected) => {
    expect(isValidStayDate(input)).toBe(expected);
  });
});

describe('counting days across the calendar', () => {
  it.each([
    ['2026-07-12', 7, '2026-07-19', 'a one-week stay'],
    ['2026-07-31', 1, '2026-08-01', 'crossing a month end'],
    ['2026-12-31', 1, '2027-01-01', 'crossing a year end'],
    ['2028-02-28', 1, '2028-02-29', 'reaching the leap day'],
    ['2028-02-29', 1, '2028-03-01', 'leaving the leap day'],
    ['2026-02-28', 1, '2026-03-01', 'no leap day in 2026'],
    ['2026-03-28', 2, '2026-03-30', 'across the spring DST change'],
    ['2026-10-24', 2, '2026-10-26', 'across the autumn DST change'],
    ['2026-07-19', -7, '2026-07-12', 'going back a week'],
    ['2026-07-12', 0, '2026-07-12', 'zero days'],
  ])('%s + %i days = %s (%s)', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(daysBetween(from, to)).toBe(n);
  });

  it.each([
    ['2026-07-12', '2026-07-19', 7],
    ['2028-02-25', '2028-03-03', 7],
    ['2026-02-25', '2026-03-04', 7],
    ['2026-03-27', '2026-04-03', 7],
    ['2026-12-26', '2027-01-02', 7],
  ])('a stay from %s to %s is %i nights', (arrival, departure, nights) => {
    expect(nightsBetween(arrival, departure)).toBe(nights);
  });

  it.each([
    ['2026-02-30', 1],
    ['2026-1-1', 1],
    ['2026-07-12', 1.5],
  ])('refuses to compute from a broken input (%s + %s)', (date, n) => {
    expect(() => addDays(date, n)).toThrow(RangeError);
  });

  it('refuses to count nights from an invalid departure', () => {
    expect(() => daysBetween('2026-07-12', '2026-07-32')).toThrow(RangeError);
  });
});

describe('which calendar day an instant falls on for the agency', () => {
  it.each([
    ['2026-07-11T22:30:00Z', 'Europe/Paris', '2026-07-12', 'late UTC evening is already tomorrow in Paris (summer)'],
    ['2026-01-11T22:30:00Z', 'Europe/Paris', '2026-01-11', 'in winter Paris is only one hour ahead'],
    ['2026-01-11T23:30:00Z', 'Europe/Paris', '2026-01-12', 'winter midnight in Paris'],
    ['2026-07-12T02:00:00Z', 'America/Martinique', '2026-07-11', 'Martinique is still on the previous day'],
    ['2026-07-11T20:30:00Z', 'Indian/Reunion', '2026-07-12', 'Réunion is four hours ahead'],
    ['2028-02-28T23:00:00Z', 'Europe/Paris', '2028-02-29', 'midnight of the leap day'],
  ])('%s in %s is %s (%s)', (iso, zone, expected) => {
    expect(stayDateInZone(new Date(iso), zone)).toBe(expected);
  });
});

describe('dates and times as shown to the clerk', () => {
  it.each([
    ['2026-07-12', '12/07/2026'],
    ['2028-02-29', '29/02/2028'],
    ['2027-01-01', '01/01/2027'],
  ])('stay date %s is shown as %s', (date, shown) => {
    expect(formatStayDate(date)).toBe(shown);
  });

  it('refuses to display a date that does not exist', () => {
    expect(() => formatStayDate('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-07-12T12:32:00Z', 'Europe/Paris', '12/07/2026 14:32', '13:32', 'summer time is UTC+2'],
    ['2026-01-15T13:32:00Z', 'Europe/Paris', '15/01/2026 14:32', '14:32', 'winter time is UTC+1'],
    ['2026-03-29T00:30:00Z', 'Europe/Paris', '29/03/2026 01:30', '01:30', 'spring change day, before the jump'],
    ['2026-03-29T01:30:00Z', 'Europe/Paris', '29/03/2026 03:30', '03:30', 'spring change day, 02:00 never happened'],
    ['2026-10-25T00:30:00Z', 'Europe/Paris', '25/10/2026 02:30', '02:30', 'autumn change day, first 02:30'],
    ['2026-10-25T01:30:00Z', 'Europe/Paris', '25/10/2026 02:30', '02:30', 'autumn change day, second 02:30'],
    ['2026-07-11T22:00:00Z', 'Europe/Paris', '12/07/2026 00:00', '00:00', 'midnight is 00:00, not 24:00'],
    ['2026-07-12T12:32:00Z', 'Indian/Reunion', '12/07/2026 16:32', '16:32', 'a Réunion agency'],
    ['2026-07-12T12:32:00+02:00', 'Europe/Paris', '12/07/2026 12:32', '12:32', 'an instant written with an offset'],
  ])('%s in %s shows as %s', (iso, zone, shown, _utcHint, _why) => {
    expect(formatInstant(iso, zone)).toBe(shown);
    expect(formatTime(iso, zone)).toBe(shown.slice(11));
    expect(formatInstantDate(iso, zone)).toBe(shown.slice(0, 10));
  });

  it('uses Paris time when no zone is given', () => {
    expect(formatInstant('2026-07-12T12:32:00Z')).toBe('12/07/2026 14:32');
    expect(formatTime('2026-01-15T13:32:00Z')).toBe('14:32');
  });

  it.each(['', 'not a date', '2026-07-12T25:00:00Z'])('refuses to display the broken instant %j', (iso) => {
    expect(() => formatInstant(iso)).toThrow(RangeError);
  });
});
