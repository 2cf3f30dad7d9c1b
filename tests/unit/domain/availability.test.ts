import { describe, it, expect } from 'vitest';
import {
  conflictMessage,
  findConflict,
  nightsOverlap,
  validateStay,
  type StaySlot,
} from '../../../src-shared/domain/availability';

const NOW = new Date('2026-06-01T09:00:00Z');

function slot(overrides: Partial<StaySlot> & Pick<StaySlot, 'arrival' | 'departure'>): StaySlot {
  return { id: 'b1', number: '2026-000123', status: 'confirmed', optionExpiresAt: null, ...overrides };
}

const week = { arrival: '2026-07-12', departure: '2026-07-19' };

describe('whether two stays share a night', () => {
  it.each([
    ['the departure day is free for the next arrival', { arrival: '2026-07-19', departure: '2026-07-26' }, false],
    ['a stay ending on our arrival day leaves it free', { arrival: '2026-07-05', departure: '2026-07-12' }, false],
    ['the same week', week, true],
    ['one night inside the week', { arrival: '2026-07-15', departure: '2026-07-16' }, true],
    ['arriving the day before our departure', { arrival: '2026-07-18', departure: '2026-07-25' }, true],
    ['leaving the day after our arrival', { arrival: '2026-07-05', departure: '2026-07-13' }, true],
    ['a longer stay around the week', { arrival: '2026-07-01', departure: '2026-07-31' }, true],
    ['a stay a month later', { arrival: '2026-08-12', departure: '2026-08-19' }, false],
    ['a zero-night range inside the week', { arrival: '2026-07-15', departure: '2026-07-15' }, false],
  ])('%s → overlap %s', (_what, other, expected) => {
    expect(nightsOverlap(week, other)).toBe(expected);
    expect(nightsOverlap(other, week)).toBe(expected);
  });

  it('counts the leap night', () => {
    const leap = { arrival: '2028-02-29', departure: '2028-03-01' };
    expect(nightsOverlap(leap, { arrival: '2028-02-28', departure: '2028-03-01' })).toBe(true);
    expect(nightsOverlap(leap, { arrival: '2028-03-01', departure: '2028-03-05' })).toBe(false);
  });
});

describe('finding the booking that blocks a request', () => {
  const confirmedWeek = slot({ id: 'c', number: '2026-000123', ...week });
  const runningOption = slot({ id: 'o', number: '2026-000124', status: 'option', optionExpiresAt: '2026-06-05T10:00:00Z', ...week });
  const lapsedOption = slot({ id: 'l', number: '2026-000125', status: 'option', optionExpiresAt: '2026-05-31T10:00:00Z', ...week });
  const sweptOption = slot({ id: 's', number: '2026-000126', status: 'cancelled', optionExpiresAt: '2026-05-31T10:00:00Z', ...week });
  const cancelledStay = slot({ id: 'x', number: '2026-000127', status: 'cancelled', ...week });
  const nextWeek = slot({ id: 'n', number: '2026-000128', arrival: '2026-07-19', departure: '2026-07-26' });

  it.each<[string, { arrival: string; departure: string; id?: string }, StaySlot[], string | null]>([
    ['a confirmed stay blocks its nights', week, [confirmedWeek], 'c'],
    ['a running option blocks its nights', week, [runningOption], 'o'],
    ['an option not confirmed by its expiry frees the nights', week, [lapsedOption], null],
    ['a swept option frees the nights', week, [sweptOption], null],
    ['a cancelled stay frees the nights', week, [cancelledStay], null],
    ['the departure day is free for the next arrival', { arrival: '2026-07-19', departure: '2026-07-22' }, [confirmedWeek], null],
    ['a booking never conflicts with itself when its dates are edited', { id: 'c', arrival: '2026-07-13', departure: '2026-07-20' }, [confirmedWeek], null],
    ['editing one booking still bumps into the next', { id: 'c', arrival: '2026-07-12', departure: '2026-07-20' }, [confirmedWeek, nextWeek], 'n'],
    ['freed nights are skipped to find the real blocker', week, [lapsedOption, cancelledStay, runningOption, confirmedWeek], 'o'],
    ['an empty calendar', week, [], null],
  ])('%s', (_what, candidate, existing, expectedId) => {
    expect(findConflict(candidate, existing, NOW)?.id ?? null).toBe(expectedId);
  });

  it('an option blocks until its expiry minute, then frees the nights', () => {
    expect(findConflict(week, [runningOption], new Date('2026-06-05T09:59:59Z'))?.id).toBe('o');
    expect(findConflict(week, [runningOption], new Date('2026-06-05T10:00:00Z'))).toBeNull();
  });

  it('tells the clerk which booking is in the way', () => {
    expect(conflictMessage(confirmedWeek)).toBe(
      "Ces dates chevauchent le dossier 2026-000123 (du 12/07/2026 au 19/07/2026). Choisissez d'autres dates ou un autre logement.",
    );
  });
});

describe('checking the dates of a stay before saving', () => {
  it.each([
    ['a one-week stay', '2026-07-12', '2026-07-19', null],
    ['a single night', '2026-07-12', '2026-07-13', null],
    ['a stay over the leap day', '2028-02-28', '2028-03-01', null],
    ['a non-existent arrival', '2026-02-30', '2026-03-05', "La date d'arrivée n'est pas une date valide."],
    ['an empty arrival', '', '2026-03-05', "La date d'arrivée n'est pas une date valide."],
    ['a leap day in a common year', '2026-02-25', '2026-02-29', "La date de départ n'est pas une date valide."],
    ['a malformed departure', '2026-07-12', '2026-7-19', "La date de départ n'est pas une date valide."],
    ['leaving the day of arrival', '2026-07-12', '2026-07-12', "La date de départ doit être après la date d'arrivée."],
    ['dates typed the wrong way round', '2026-07-19', '2026-07-12', "La date de départ doit être après la date d'arrivée."],
  ])('%s → %s', (_what, arrival, departure, expected) => {
    expect(validateStay({ arrival, departure })).toBe(expected);
  });
});
