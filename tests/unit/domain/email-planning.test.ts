import { describe, expect, it } from 'vitest';
import { addDays, stayDateInZone } from '../../../src-shared/domain/dates';
import {
  ACTION_EMAIL_KINDS,
  AFTER_DEPARTURE_WINDOW_DAYS,
  DEFAULT_OFFSETS,
  EMAIL_KIND_LABELS,
  EMAIL_KINDS,
  emailListing,
  isPlannedEmailKind,
  MAX_OFFSET_DAYS,
  OFFSET_LABELS,
  PLANNED_EMAIL_KINDS,
  planEmail,
  type Listing,
  type PlannedEmailKind,
  type PlanningDossier,
  type PlanningRule,
} from '../../../src-shared/domain/email-planning';

// A week in Île de Ré booked in the spring, confirmed the same day, balance due a month before.
const dossier = (over: Partial<PlanningDossier> = {}): PlanningDossier => ({
  status: 'confirmed',
  arrival: '2026-07-18',
  departure: '2026-07-25',
  balanceDueDate: '2026-06-18',
  balanceCents: 84_000,
  optionExpiresOn: null,
  confirmedOn: '2026-03-02',
  createdOn: '2026-03-02',
  propertyId: 'villa-les-pins',
  source: 'counter',
  ...over,
});
const option = (over: Partial<PlanningDossier> = {}): PlanningDossier =>
  dossier({ status: 'option', optionExpiresOn: '2026-03-10', confirmedOn: null, ...over });
/** The delays these scenarios are written with (an agency may set any). */
const OFFSETS: Record<PlannedEmailKind, number> = { balanceReminder: 7, arrivalReminder: 3, optionExpiry: 2, afterDeparture: 7 };
const rule = (kind: PlannedEmailKind, over: Partial<PlanningRule> = {}): PlanningRule => ({
  kind,
  offsetDays: OFFSETS[kind],
  sendLate: true,
  propertyIds: [],
  sources: [],
  ...over,
});

/** The listing reduced to what the E-mail Auto list shows: listed (and late?) or why not. */
const outcome = (l: Listing): string => (l.listed ? (l.late ? 'listed late' : 'listed') : l.reason);

describe('the e-mail kinds as staff see them', () => {
  it('names the four E-mail Auto tabs and the three action e-mails with their fixed labels', () => {
    expect(PLANNED_EMAIL_KINDS.map((k) => EMAIL_KIND_LABELS[k])).toEqual([
      'Rappel solde',
      'Rappel arrivées',
      'Expiration Options',
      'Après départ',
    ]);
    expect(ACTION_EMAIL_KINDS.map((k) => EMAIL_KIND_LABELS[k])).toEqual([
      'Confirmation de réservation',
      'Annulation',
      'Sécurisation caution',
    ]);
    expect(EMAIL_KINDS).toHaveLength(7);
  });

  it('labels each delay field of Paramétrage › Agences › Emails', () => {
    expect(OFFSET_LABELS).toEqual({
      balanceReminder: 'Jours avant échéance du solde',
      arrivalReminder: 'Jours avant arrivée',
      optionExpiry: "Jours avant expiration de l'option",
      afterDeparture: 'Jours après départ',
    });
  });

  it('starts a new agency with 7 days before the balance, 3 before arrival, 2 before an option lapses, 7 after departure', () => {
    expect(DEFAULT_OFFSETS).toEqual({ balanceReminder: 7, arrivalReminder: 7, optionExpiry: 2, afterDeparture: 7 });
  });

  it.each([
    ['balanceReminder', true],
    ['afterDeparture', true],
    ['bookingConfirmation', false],
    ['depositRequest', false],
    ['', false],
    ['BalanceReminder', false],
  ])('%s is a retro-planned e-mail: %s', (kind, expected) => {
    expect(isPlannedEmailKind(kind)).toBe(expected);
  });
});

describe('where each e-mail sits on the calendar', () => {
  it.each([
    ['Rappel arrivées: 3 days before arrival, until its eve', dossier(), rule('arrivalReminder'), ['2026-07-18', '2026-07-15', '2026-07-17']],
    ['Rappel arrivées with 0 days: on the arrival day only', dossier(), rule('arrivalReminder', { offsetDays: 0 }), ['2026-07-18', '2026-07-18', '2026-07-18']],
    ['Rappel arrivées with 1 day: on the eve only', dossier(), rule('arrivalReminder', { offsetDays: 1 }), ['2026-07-18', '2026-07-17', '2026-07-17']],
    ['Rappel solde: 7 days before the balance due date, until the eve of arrival', dossier(), rule('balanceReminder'), ['2026-06-18', '2026-06-11', '2026-07-17']],
    ['Rappel solde without a due date counts from arrival', dossier({ balanceDueDate: null }), rule('balanceReminder'), ['2026-07-18', '2026-07-11', '2026-07-17']],
    ['Rappel solde due on arrival with 0 days: on the arrival day', dossier({ balanceDueDate: null }), rule('balanceReminder', { offsetDays: 0 }), ['2026-07-18', '2026-07-18', '2026-07-18']],
    ['Expiration Options: 2 days before the option lapses, until that day', option(), rule('optionExpiry'), ['2026-03-10', '2026-03-08', '2026-03-10']],
    ['Après départ: 7 days after departure, for 14 more days', dossier(), rule('afterDeparture'), ['2026-07-25', '2026-08-01', '2026-08-15']],
    ['Après départ with 0 days: from the departure day', dossier(), rule('afterDeparture', { offsetDays: 0 }), ['2026-07-25', '2026-07-25', '2026-08-08']],
  ] as const)('%s', (_case, d, r, [anchorDate, dueDate, closesOn]) => {
    expect(planEmail(d, r)).toEqual({ kind: r.kind, anchorDate, dueDate, closesOn });
  });

  it.each([
    ['a cancelled dossier gets no arrival reminder', dossier({ status: 'cancelled' }), 'arrivalReminder'],
    ['a cancelled dossier gets no balance reminder', dossier({ status: 'cancelled' }), 'balanceReminder'],
    ['a cancelled dossier gets no thank-you after departure', dossier({ status: 'cancelled' }), 'afterDeparture'],
    ['a cancelled option gets no expiry warning', option({ status: 'cancelled' }), 'optionExpiry'],
    ['an option gets no arrival reminder', option(), 'arrivalReminder'],
    ['an option gets no balance reminder', option(), 'balanceReminder'],
    ['an option gets no thank-you after departure', option(), 'afterDeparture'],
    ['a confirmed dossier gets no option expiry warning', dossier({ optionExpiresOn: '2026-03-10' }), 'optionExpiry'],
    ['an option without an expiry date gets no expiry warning', option({ optionExpiresOn: null }), 'optionExpiry'],
    ['a dossier paid in full gets no balance reminder', dossier({ balanceCents: 0 }), 'balanceReminder'],
    ['a dossier overpaid gets no balance reminder', dossier({ balanceCents: -500 }), 'balanceReminder'],
  ] as const)('%s', (_case, d, kind) => {
    expect(planEmail(d, rule(kind))).toBeNull();
    expect(emailListing(d, rule(kind), '2026-07-16')).toEqual({ listed: false, reason: 'not_applicable' });
  });
});

describe('the E-mail Auto list on a given day', () => {
  it.each([
    // [case, dossier, rule, today, outcome]
    ['Rappel arrivées the day before it is due', dossier(), rule('arrivalReminder'), '2026-07-14', 'not_due'],
    ['Rappel arrivées on its due day', dossier(), rule('arrivalReminder'), '2026-07-15', 'listed'],
    ['Rappel arrivées on the eve of arrival', dossier(), rule('arrivalReminder'), '2026-07-17', 'listed'],
    ['Rappel arrivées on the arrival day: too late', dossier(), rule('arrivalReminder'), '2026-07-18', 'closed'],
    ['Rappel solde the day before it is due', dossier(), rule('balanceReminder'), '2026-06-10', 'not_due'],
    ['Rappel solde on its due day', dossier(), rule('balanceReminder'), '2026-06-11', 'listed'],
    ['Rappel solde still unpaid after the due date', dossier(), rule('balanceReminder'), '2026-07-01', 'listed'],
    ['Rappel solde on the eve of arrival', dossier(), rule('balanceReminder'), '2026-07-17', 'listed'],
    ['Rappel solde on the arrival day: settled at the desk', dossier(), rule('balanceReminder'), '2026-07-18', 'closed'],
    ['Rappel solde once the balance is paid', dossier({ balanceCents: 0 }), rule('balanceReminder'), '2026-06-12', 'not_applicable'],
    ['Expiration Options the day before it is due', option(), rule('optionExpiry'), '2026-03-07', 'not_due'],
    ['Expiration Options on its due day', option(), rule('optionExpiry'), '2026-03-08', 'listed'],
    ['Expiration Options on the expiry day', option(), rule('optionExpiry'), '2026-03-10', 'listed'],
    ['Expiration Options the day after expiry', option(), rule('optionExpiry'), '2026-03-11', 'closed'],
    ['Expiration Options once the option is confirmed', option({ status: 'confirmed', confirmedOn: '2026-03-09' }), rule('optionExpiry'), '2026-03-09', 'not_applicable'],
    ['Après départ the day before it is due', dossier(), rule('afterDeparture'), '2026-07-31', 'not_due'],
    ['Après départ on its due day', dossier(), rule('afterDeparture'), '2026-08-01', 'listed'],
    ['Après départ on the 14th day after it fell due', dossier(), rule('afterDeparture'), '2026-08-15', 'listed'],
    ['Après départ on the 15th day: removed from the list', dossier(), rule('afterDeparture'), '2026-08-16', 'closed'],
  ] as const)('%s → %s', (_case, d, r, today, expected) => {
    expect(outcome(emailListing(d, r, today))).toBe(expected);
  });

  it('gives the planned dates with a listed e-mail', () => {
    expect(emailListing(dossier(), rule('arrivalReminder'), '2026-07-16')).toEqual({
      listed: true,
      late: false,
      planned: { kind: 'arrivalReminder', anchorDate: '2026-07-18', dueDate: '2026-07-15', closesOn: '2026-07-17' },
    });
  });
});

describe('"Après départ": the help article\'s example with 7 days after departure', () => {
  const rule7 = rule('afterDeparture', { offsetDays: 7 });
  const departuresListedOn = (today: string): string[] => {
    const listed: string[] = [];
    for (let dep = '2019-12-01'; dep <= '2020-03-01'; dep = addDays(dep, 1)) {
      const d = dossier({ arrival: addDays(dep, -7), departure: dep, createdOn: '2019-06-01', confirmedOn: '2019-06-01' });
      if (emailListing(d, rule7, today).listed) listed.push(dep);
    }
    return listed;
  };
  const span = (from: string, to: string): string[] => {
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    return days;
  };

  it('on 31/01/2020 lists the dossiers ending between 10/01/2020 and 24/01/2020', () => {
    expect(departuresListedOn('2020-01-31')).toEqual(span('2020-01-10', '2020-01-24'));
  });

  it('on 10/02/2020 lists the dossiers ending between 20/01/2020 and 03/02/2020', () => {
    expect(departuresListedOn('2020-02-10')).toEqual(span('2020-01-20', '2020-02-03'));
  });

  it('keeps each e-mail for 14 days after it falls due', () => {
    expect(AFTER_DEPARTURE_WINDOW_DAYS).toBe(14);
  });
});

describe('calendar edges: offsets count calendar days', () => {
  it.each([
    // [case, dossier, rule, [dueDate, closesOn]]
    ['a balance due on 3 March, 3 days before, falls on 28 February', dossier({ balanceDueDate: '2026-03-03', arrival: '2026-04-04', departure: '2026-04-11' }), rule('balanceReminder', { offsetDays: 3 }), ['2026-02-28', '2026-04-03']],
    ['a balance due on 2 March 2028, 2 days before, falls on the leap day', dossier({ balanceDueDate: '2028-03-02', arrival: '2028-04-01', departure: '2028-04-08' }), rule('balanceReminder', { offsetDays: 2 }), ['2028-02-29', '2028-03-31']],
    ['an arrival on 1 March: its eve is 28 February', dossier({ arrival: '2026-03-01', departure: '2026-03-08' }), rule('arrivalReminder', { offsetDays: 1 }), ['2026-02-28', '2026-02-28']],
    ['an arrival on 1 March 2028: its eve is the leap day', dossier({ arrival: '2028-03-01', departure: '2028-03-08' }), rule('arrivalReminder', { offsetDays: 1 }), ['2028-02-29', '2028-02-29']],
    ['an arrival on the leap day, 3 days before', dossier({ arrival: '2028-02-29', departure: '2028-03-07' }), rule('arrivalReminder'), ['2028-02-26', '2028-02-28']],
    ['a departure on 31 January, 28 days after, falls on 28 February', dossier({ arrival: '2026-01-24', departure: '2026-01-31' }), rule('afterDeparture', { offsetDays: 28 }), ['2026-02-28', '2026-03-14']],
    ['a departure on 31 January 2028, 29 days after, falls on the leap day', dossier({ arrival: '2028-01-24', departure: '2028-01-31' }), rule('afterDeparture', { offsetDays: 29 }), ['2028-02-29', '2028-03-14']],
    ['a departure on 22 February 2028, 7 days after, falls on the leap day', dossier({ arrival: '2028-02-15', departure: '2028-02-22' }), rule('afterDeparture'), ['2028-02-29', '2028-03-14']],
    ['an option lapsing on 1 March, 2 days before, falls on 27 February', option({ optionExpiresOn: '2026-03-01' }), rule('optionExpiry'), ['2026-02-27', '2026-03-01']],
    ['an option lapsing on 1 March 2028, 2 days before, falls on 28 February', option({ optionExpiresOn: '2028-03-01' }), rule('optionExpiry'), ['2028-02-28', '2028-03-01']],
    ["an arrival on New Year's Eve, 3 days before", dossier({ arrival: '2026-12-31', departure: '2027-01-07' }), rule('arrivalReminder'), ['2026-12-28', '2026-12-30']],
    ['a departure on 28 December, 7 days after, falls in the new year', dossier({ arrival: '2026-12-21', departure: '2026-12-28' }), rule('afterDeparture'), ['2027-01-04', '2027-01-18']],
    ['an arrival the day after the spring clock change (29/03/2026)', dossier({ arrival: '2026-03-30', departure: '2026-04-06' }), rule('arrivalReminder'), ['2026-03-27', '2026-03-29']],
    ['an arrival on the spring clock change, 1 day before', dossier({ arrival: '2026-03-29', departure: '2026-04-05' }), rule('arrivalReminder', { offsetDays: 1 }), ['2026-03-28', '2026-03-28']],
    ['a departure on the autumn clock change (25/10/2026), 7 days after', dossier({ arrival: '2026-10-18', departure: '2026-10-25' }), rule('afterDeparture'), ['2026-11-01', '2026-11-15']],
    ['a balance due the day after the autumn clock change, 2 days before', dossier({ balanceDueDate: '2026-10-26', arrival: '2026-11-07', departure: '2026-11-14' }), rule('balanceReminder', { offsetDays: 2 }), ['2026-10-24', '2026-11-06']],
    ['the longest delay, 365 days before a leap-year arrival', dossier({ arrival: '2028-03-01', departure: '2028-03-08' }), rule('arrivalReminder', { offsetDays: MAX_OFFSET_DAYS }), ['2027-03-02', '2028-02-29']],
  ] as const)('%s', (_case, d, r, [dueDate, closesOn]) => {
    const planned = planEmail(d, r);
    expect(planned?.dueDate).toBe(dueDate);
    expect(planned?.closesOn).toBe(closesOn);
  });

  it.each([
    // Half past midnight in Paris on the night the clocks go forward is still the evening before in UTC.
    ['2026-03-28T23:30:00Z', '2026-03-29', '2026-04-01', 'listed'],
    ['2026-03-28T22:30:00Z', '2026-03-28', '2026-04-01', 'not_due'],
    // The night the clocks go back: 23:30 UTC is already 00:30 on Monday in Paris.
    ['2026-10-25T23:30:00Z', '2026-10-26', '2026-10-29', 'listed'],
    ['2026-10-25T22:30:00Z', '2026-10-25', '2026-10-29', 'not_due'],
  ])("at %s the agency's day is %s, so the reminder for an arrival on %s is %s", (instant, today, arrival, expected) => {
    const agencyToday = stayDateInZone(new Date(instant), 'Europe/Paris');
    expect(agencyToday).toBe(today);
    const d = dossier({ arrival, departure: addDays(arrival, 7) });
    expect(outcome(emailListing(d, rule('arrivalReminder'), agencyToday))).toBe(expected);
  });
});

describe('a dossier that enters the list after its due date', () => {
  // Booked as an option in March, confirmed only on 16 July for an arrival on 18 July:
  // the 3-day arrival reminder was due on 15 July, before the dossier was confirmed.
  const lateConfirmed = dossier({ createdOn: '2026-03-02', confirmedOn: '2026-07-16' });
  // A last-minute booking taken confirmed at the counter, confirmation date not recorded.
  const lastMinute = dossier({ createdOn: '2026-07-17', confirmedOn: null, balanceDueDate: null });
  // An option taken the day before it lapses, with a 2-day warning.
  const lateOption = option({ createdOn: '2026-03-09' });

  it.each([
    ['confirmed after the reminder fell due, sending late', lateConfirmed, rule('arrivalReminder', { sendLate: true }), '2026-07-16', 'listed late'],
    ['confirmed after the reminder fell due, not sending late', lateConfirmed, rule('arrivalReminder', { sendLate: false }), '2026-07-16', 'late_confirmation'],
    ['confirmed exactly on the due day is on time', dossier({ confirmedOn: '2026-07-15' }), rule('arrivalReminder', { sendLate: false }), '2026-07-15', 'listed'],
    ['a last-minute booking, confirmation date unknown, sending late', lastMinute, rule('arrivalReminder', { sendLate: true }), '2026-07-17', 'listed late'],
    ['a last-minute booking, confirmation date unknown, not sending late', lastMinute, rule('arrivalReminder', { sendLate: false }), '2026-07-17', 'late_confirmation'],
    ['a last-minute booking still owing its balance, sending late', lastMinute, rule('balanceReminder', { sendLate: true }), '2026-07-17', 'listed late'],
    ['a last-minute booking still owing its balance, not sending late', lastMinute, rule('balanceReminder', { sendLate: false }), '2026-07-17', 'late_confirmation'],
    ['an option taken after its warning fell due, sending late', lateOption, rule('optionExpiry', { sendLate: true }), '2026-03-09', 'listed late'],
    ['an option taken after its warning fell due, not sending late', lateOption, rule('optionExpiry', { sendLate: false }), '2026-03-09', 'late_confirmation'],
    ['an option confirmed later still counts from its creation', option({ createdOn: '2026-03-01', confirmedOn: '2026-03-09' }), rule('optionExpiry', { sendLate: false }), '2026-03-09', 'listed'],
    ['a late dossier is still removed once the window closes', lateConfirmed, rule('arrivalReminder', { sendLate: true }), '2026-07-18', 'closed'],
    ['an on-time dossier is never late, whatever the setting', dossier(), rule('arrivalReminder', { sendLate: false }), '2026-07-16', 'listed'],
  ] as const)('%s → %s', (_case, d, r, today, expected) => {
    expect(outcome(emailListing(d, r, today))).toBe(expected);
  });
});

describe('a change of dates moves the e-mail', () => {
  it('an arrival moved from 18 to 25 July takes the arrival reminder from the list until 22 July', () => {
    const r = rule('arrivalReminder');
    expect(outcome(emailListing(dossier(), r, '2026-07-16'))).toBe('listed');
    const moved = dossier({ arrival: '2026-07-25', departure: '2026-08-01' });
    expect(planEmail(moved, r)?.dueDate).toBe('2026-07-22');
    expect(outcome(emailListing(moved, r, '2026-07-16'))).toBe('not_due');
    expect(outcome(emailListing(moved, r, '2026-07-22'))).toBe('listed');
  });

  it('an arrival brought forward closes the reminder sooner', () => {
    const moved = dossier({ arrival: '2026-07-16', departure: '2026-07-23' });
    expect(outcome(emailListing(moved, rule('arrivalReminder'), '2026-07-16'))).toBe('closed');
  });

  it('a balance due date pushed back from 18 June to 1 July moves the reminder to 24 June', () => {
    const moved = dossier({ balanceDueDate: '2026-07-01' });
    expect(planEmail(moved, rule('balanceReminder'))?.dueDate).toBe('2026-06-24');
    expect(outcome(emailListing(moved, rule('balanceReminder'), '2026-06-20'))).toBe('not_due');
  });

  it('an option extended from 10 to 20 March leaves the list until 18 March', () => {
    const extended = option({ optionExpiresOn: '2026-03-20' });
    expect(outcome(emailListing(extended, rule('optionExpiry'), '2026-03-10'))).toBe('not_due');
    expect(outcome(emailListing(extended, rule('optionExpiry'), '2026-03-18'))).toBe('listed');
  });

  it('a departure extended by a week moves the thank-you by a week', () => {
    const extended = dossier({ departure: '2026-08-01' });
    expect(planEmail(extended, rule('afterDeparture'))).toMatchObject({ dueDate: '2026-08-08', closesOn: '2026-08-22' });
  });
});

describe('conditions on properties and sources', () => {
  it.each<[string, string, string[], string[]]>([
    ['no condition: every dossier', 'listed', [], []],
    ["the dossier's property is chosen", 'listed', ['villa-les-pins', 'studio-port'], []],
    ['only other properties are chosen', 'not_applicable', ['studio-port'], []],
    ["the dossier's source is chosen", 'listed', [], ['counter']],
    ['only the elloha channel is chosen', 'not_applicable', [], ['elloha']],
    ['property and source both chosen', 'listed', ['villa-les-pins'], ['counter', 'phone']],
    ['the property matches but not the source', 'not_applicable', ['villa-les-pins'], ['web']],
    ['the source matches but not the property', 'not_applicable', ['studio-port'], ['counter']],
  ])('%s → %s', (_case, expected, propertyIds, sources) => {
    const r = rule('arrivalReminder', { propertyIds, sources });
    expect(outcome(emailListing(dossier(), r, '2026-07-16'))).toBe(expected);
  });
});

describe('delays an agency may set', () => {
  it.each([-1, 1.5, MAX_OFFSET_DAYS + 1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (offsetDays) => {
    expect(() => planEmail(dossier(), rule('arrivalReminder', { offsetDays }))).toThrow(RangeError);
    // Even for a dossier the e-mail does not concern: a bad setting is found at once.
    expect(() => emailListing(dossier({ status: 'cancelled' }), rule('arrivalReminder', { offsetDays }), '2026-07-16')).toThrow(RangeError);
  });

  it.each([0, 1, MAX_OFFSET_DAYS])('accepts %s days', (offsetDays) => {
    expect(planEmail(dossier(), rule('afterDeparture', { offsetDays }))).not.toBeNull();
  });

  it('refuses a day that is not a calendar date', () => {
    expect(() => emailListing(dossier(), rule('arrivalReminder'), '16/07/2026')).toThrow(RangeError);
  });
});
