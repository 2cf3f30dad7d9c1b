import { describe, it, expect } from 'vitest';
import { formatMoney, parseMoney } from '../../../src-shared/domain/money';

// Intl uses U+202F between thousands and U+00A0 before €; compare on plain spaces.
const plain = (s: string): string => s.replace(/[\u202f\u00a0]/g, ' ');

describe('amounts shown on a booking file', () => {
  it.each([
    [142500, '1 425,00 €', 'a week of rent'],
    [0, '0,00 €', 'nothing owed'],
    [-0, '0,00 €', 'a negative zero from a subtraction'],
    [1, '0,01 €', 'one cent'],
    [29, '0,29 €', 'a tourist tax per night'],
    [-1250, '-12,50 €', 'an overpayment to refund'],
    [123456789, '1 234 567,89 €', 'a whole season of bookings'],
  ])('%i cents is shown as %s (%s)', (cents, shown) => {
    expect(plain(formatMoney(cents))).toBe(shown);
  });

  it('keeps amounts on one line with no-break spaces', () => {
    expect(formatMoney(142500)).not.toMatch(/ /);
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a non-cent amount %s', (value) => {
    expect(() => formatMoney(value)).toThrow(RangeError);
  });
});

describe('amounts typed by the clerk', () => {
  it.each([
    ['1425', 142500],
    ['1 425,00', 142500],
    ['1425.5', 142550],
    ['1 425,50 €', 142550],
    ['1425,50€', 142550],
    ['€ 12', 1200],
    ['12,5', 1250],
    ['12.50', 1250],
    ['0,29', 29],
    ['0.29', 29],
    ['1,10', 110],
    ['4,35', 435],
    ['0', 0],
    ['  80  ', 8000],
    ['1\u202f425,00\u00a0€', 142500],
    ['12 345 678,90', 1234567890],
    ['-12,50', -1250],
    ['-0', 0],
  ])('%j is %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each([
    ['', 'an empty field'],
    ['   ', 'only spaces'],
    ['€', 'only the currency sign'],
    ['abc', 'letters'],
    ['12a', 'a trailing letter'],
    ['12,345', 'three decimals'],
    ['1.425', 'a dot used as a thousands separator'],
    ['1.425,00', 'both separators'],
    ['12,', 'a dangling decimal mark'],
    [',50', 'no euros part'],
    ['1,2,3', 'two decimal marks'],
    ['14 25', 'digits not grouped by three'],
    ['1  425', 'a double space'],
    ['+12', 'an explicit plus sign'],
    ['--12', 'two minus signs'],
    ['12 €€', 'two currency signs'],
    ['1e3', 'scientific notation'],
    ['99999999999999999999', 'beyond what cents can hold exactly'],
  ])('%j is refused (%s)', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it.each([0, 29, 142550, -1250, 123456789])('reads back what it displays (%i cents)', (cents) => {
    expect(parseMoney(formatMoney(cents))).toBe(cents);
  });
});
