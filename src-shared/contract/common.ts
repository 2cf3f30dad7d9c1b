import { z } from 'zod';
import { isValidStayDate } from '../domain/dates';
import { DEPOSIT_STATES } from '../domain/deposit';

// Zod's own messages in French, for whatever a field-specific message does not cover.
z.config(z.locales.fr());

export const id = z.uuid({ error: 'Identifiant invalide.' });

export const stayDate = z
  .string({ error: 'Date attendue (AAAA-MM-JJ).' })
  .refine(isValidStayDate, { error: "Cette date n'existe pas ou n'est pas au format AAAA-MM-JJ." });

export const instant = z.iso.datetime({ offset: true, error: 'Date et heure attendues (ISO 8601).' });

/** Money in integer cents, never negative (refunds are their own operations, not negative amounts). */
export const cents = z
  .number({ error: 'Montant attendu.' })
  .int({ error: 'Montant en centimes entiers attendu.' })
  .min(0, { error: 'Un montant ne peut pas être négatif.' })
  .max(100_000_000, { error: 'Montant trop élevé (1 000 000 € au plus).' });

export const positiveCents = cents.refine((v) => v > 0, { error: 'Le montant doit être supérieur à zéro.' });

/** Free text from a clerk: trimmed, bounded, never NUL. */
export const text = (max: number) =>
  z
    .string()
    .max(max, { error: `Texte trop long (${max} caractères au plus).` })
    .refine((s) => !s.includes('\u0000'), { error: 'Caractère non autorisé.' })
    .transform((s) => s.trim());

export const empty = z.object({}).strict();

export const bookingStatus = z.enum(['option', 'confirmed', 'cancelled']);
export const bookingSource = z.enum(['counter', 'phone', 'web', 'elloha']);
export const depositState = z.enum(DEPOSIT_STATES);
export const pricingKind = z.enum(['rent', 'cleaning', 'fees', 'tourist_tax', 'other']);
export const paymentMethod = z.enum(['card', 'transfer', 'cheque', 'cash', 'holiday_voucher']);
export const civility = z.enum(['mr', 'mrs', 'none']);
export const language = z.enum(['fr', 'en', 'de', 'es', 'it', 'nl']);
export const commPreference = z.enum(['email', 'post', 'sms']).nullable();

/** One contract entry: the input a caller sends and the output it gets back. */
export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
