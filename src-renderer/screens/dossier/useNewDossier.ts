import { useEffect, useState } from 'react';
import type { Output, Property } from '../../../src-shared/contract';
import { defaultPricingLines, parseMoney } from '../../../src-shared/domain';
import { call } from '../../api';
import { clientChoiceError, NO_CLIENT, type ClientChoice } from './ClientPicker';
import { hasErrors, lineDrafts, lineErrors, lineValue, moneyError, type LineDraft } from './lines';
import { stayErrors, stayRange, stayValue, type StayDraft } from './stay';
import { useAvailability } from './useAvailability';
import { asApiError } from './useBooking';
import type { ServerClock } from './useServerClock';
import type { BookingSource } from './labels';
import { instantFromWallClock, wallClockText } from './zoned';

const OPTION_DAYS = 3;
const DAY_MS = 86_400_000;
const EMPTY_STAY: StayDraft = { propertyId: '', arrival: '', departure: '', adults: '2', children: '0' };

type Agency = Output<'agencies/list'>[number];

/** The form of a new dossier, its checks, and its submission (client first when new). */
export function useNewDossier(agency: Agency | null, properties: readonly Property[], clock: ServerClock) {
  const [stay, setStay] = useState<StayDraft>(EMPTY_STAY);
  const [status, setStatus] = useState<'option' | 'confirmed'>('option');
  const [expiry, setExpiry] = useState('');
  const [source, setSource] = useState<BookingSource>('counter');
  const [client, setClient] = useState<ClientChoice>(NO_CLIENT);
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [deposit, setDeposit] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const timeZone = agency?.timeZone ?? 'Europe/Paris';
  const property = properties.find((p) => p.id === stay.propertyId) ?? null;

  // Another agency: its properties and clients are not this one's.
  useEffect(() => {
    setStay((s) => ({ ...s, propertyId: '' }));
    setClient(NO_CLIENT);
  }, [agency?.id]);

  useEffect(() => {
    if (clock.ready && expiry === '') {
      setExpiry(wallClockText(new Date(clock.now().getTime() + OPTION_DAYS * DAY_MS).toISOString(), timeZone));
    }
  }, [clock.ready, timeZone]);

  // The Tarification follows the property, the dates and the party until the clerk saves it.
  const prices = property && [property.nightlyRateCents, property.cleaningFeeCents, property.bookingFeeCents, property.touristTaxCents];
  const pricingKey = JSON.stringify([prices, stay.arrival, stay.departure, stay.adults]);
  useEffect(() => {
    const value = stayValue(stay);
    if (property && value) setLines(lineDrafts(defaultPricingLines(property, value)));
  }, [pricingKey]);

  const availability = useAvailability(stayRange(stay), null);
  const expiryInstant = instantFromWallClock(expiry, timeZone);
  const errors = {
    agency: agency ? undefined : "Choisissez l'agence du dossier.",
    stay: stayErrors(stay),
    expiry:
      status !== 'option'
        ? undefined
        : !expiryInstant
          ? "Indiquez la date et l'heure d'expiration : JJ/MM/AAAA HH:MM, par ex. 14/07/2026 18:00."
          : Date.parse(expiryInstant) <= clock.now().getTime()
            ? "L'expiration de l'option doit être dans le futur."
            : undefined,
    client: clientChoiceError(client),
    lines: lines.map(lineErrors),
    deposit: moneyError(deposit, false),
  };
  const valid = !errors.agency && !hasErrors(errors.stay) && !errors.expiry && !errors.client && !errors.lines.some(hasErrors) && !errors.deposit;
  const dirty = stay.propertyId !== '' || stay.arrival !== '' || stay.departure !== '' || client !== NO_CLIENT || deposit !== '';

  const clientId = async (agencyId: string): Promise<string> => {
    if (client.mode === 'existing') return client.client!.id;
    const { civility, lastName, firstName, email, phone } = client.form;
    const created = await call('clients/create', { agencyId, civility, lastName, firstName, email, phone });
    // Kept as picked: a retry after a refused dossier must not create the client twice.
    setClient({ mode: 'existing', client: { id: created.id, civility, lastName, firstName, email, phone, city: '' } });
    return created.id;
  };

  /** The new dossier's id, or null when something must be fixed first (then said on screen). */
  const submit = async (): Promise<string | null> => {
    setAlert(null);
    const value = stayValue(stay);
    if (!valid || !agency || !value) {
      setShowAll(true);
      setAlert('Corrigez les champs signalés avant de créer le dossier.');
      return null;
    }
    if (availability.state === 'conflict') {
      setAlert(availability.message);
      return null;
    }
    setBusy(true);
    try {
      const created = await call('bookings/create', {
        ...value,
        clientId: await clientId(agency.id),
        status,
        optionExpiresAt: status === 'option' ? expiryInstant : null,
        source,
        lines: lines.map(lineValue).filter((l) => l !== null),
        depositAmountCents: deposit.trim() === '' ? null : parseMoney(deposit),
      });
      return created.id;
    } catch (e) {
      setAlert(asApiError(e).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    form: { stay, status, expiry, source, client, lines, deposit },
    set: { stay: setStay, status: setStatus, expiry: setExpiry, source: setSource, client: setClient, lines: setLines, deposit: setDeposit },
    property,
    errors,
    showAll,
    busy,
    alert,
    dirty,
    availability,
    submit,
  };
}
