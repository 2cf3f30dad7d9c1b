// The deposit in e-mails: the value of « Swikly_lien_caution » for a dossier, « Sécurisation
// caution » sent now or held until the link exists, and held e-mails released when it arrives.
import type Database from 'better-sqlite3';
import { BOOKING_NOT_FOUND_MESSAGE } from '../../src-shared/contract';
import { SWIKLY_LINK_FIELD, swiklyLinkValue, type DepositState } from '../../src-shared/domain';
import type { ServiceContext } from './context';
import { composeMail, loadDossierForMail, loadTemplates, registerMergeValueProvider } from './email-compose';
import { addressProblem } from './email-due';
import { enqueueStoredEmail, queueEmail } from './email-outbox';
import { mailSettings } from './email-settings';
import { currentSwiklyRow, onSwiklyLink } from './swikly-sync';

// ---- the merge field and held e-mails -------------------------------------------------------------

registerMergeValueProvider((sqlite, bookingId, language) => {
  const state = sqlite.prepare('SELECT deposit_state FROM bookings WHERE id = ?').pluck().get(bookingId) as DepositState | undefined;
  const row = currentSwiklyRow(sqlite, bookingId);
  const situation =
    state === 'secured'
      ? ({ kind: 'secured' } as const)
      : state === 'none' || state === undefined
        ? ({ kind: 'none' } as const)
        : !row
          ? ({ kind: 'manual' } as const)
          : row.link && row.open
            ? ({ kind: 'link', link: row.link } as const)
            : state === 'requesting' || state === 'requested'
              ? ({ kind: 'pending' } as const)
              : ({ kind: 'manual' } as const);
  const value = swiklyLinkValue(situation, language);
  return { values: { [SWIKLY_LINK_FIELD]: value }, held: value === null ? [SWIKLY_LINK_FIELD] : [] };
});

const HELD_REASON = "En attente du lien Swikly : l'e-mail partira dès que la demande de caution aura été créée chez Swikly.";

/** When the link arrives, the e-mails held for it are filled again and queued. */
onSwiklyLink((sqlite, bookingId, now) => {
  const held = sqlite.prepare(`SELECT id, agency_id AS agencyId, kind FROM emails WHERE booking_id = ? AND state = 'held'`).all(bookingId) as { id: string; agencyId: string; kind: string }[];
  if (!held.length) return [];
  const dossier = loadDossierForMail(sqlite, bookingId);
  for (const e of held) {
    const mail = composeMail(loadTemplates(sqlite, e.agencyId), e.kind as 'depositRequest', dossier);
    if (mail.missing.length) continue;
    sqlite.prepare(`UPDATE emails SET subject = ?, html = ?, text = ?, updated_at = ? WHERE id = ?`).run(mail.subject, mail.html, mail.text, now.toISOString(), e.id);
    releaseHeldEmail(sqlite, e, bookingId, now);
  }
  return ['emails', 'outbox'];
});

/** Queues an e-mail that was held (its row already has the content to send). */
function releaseHeldEmail(sqlite: Database.Database, e: { id: string; agencyId: string }, bookingId: string, now: Date): void {
  const emailId = e.id;
  const outboxId = enqueueStoredEmail({ sqlite, sync: { now: () => now } }, emailId, e.agencyId, bookingId);
  sqlite.prepare(`UPDATE emails SET state = 'queued', error = NULL, outbox_id = ?, updated_at = ? WHERE id = ?`).run(outboxId, now.toISOString(), emailId);
}

/** « Sécurisation caution » for one dossier: queued, held for its link, or skipped with the reason. */
export function sendDepositMail(ctx: ServiceContext, bookingId: string): { outcome: 'queued' | 'held' | 'skipped'; number: string; reason: string } {
  const d = ctx.sqlite.prepare('SELECT agency_id AS agencyId, number, deposit_state AS depositState FROM bookings WHERE id = ?').get(bookingId) as
    | { agencyId: string; number: string; depositState: DepositState }
    | undefined;
  if (!d) return { outcome: 'skipped', number: '?', reason: BOOKING_NOT_FOUND_MESSAGE };
  const settings = mailSettings(ctx.sqlite, ctx.secrets, d.agencyId);
  if (!settings.configured) return { outcome: 'skipped', number: d.number, reason: "Aucun serveur d'e-mails pour l'agence (Paramétrage › Agences › Emails)." };
  if (d.depositState === 'none') return { outcome: 'skipped', number: d.number, reason: 'Pas de caution pour ce dossier.' };
  if (d.depositState === 'secured') return { outcome: 'skipped', number: d.number, reason: 'La caution est déjà sécurisée.' };
  const dossier = loadDossierForMail(ctx.sqlite, bookingId);
  const problem = addressProblem(dossier.email, dossier.commPreference);
  if (problem) return { outcome: 'skipped', number: d.number, reason: problem === 'prefers_post' ? 'Le client préfère le courrier.' : "Pas d'adresse e-mail valide pour le client." };
  const mail = composeMail(loadTemplates(ctx.sqlite, d.agencyId), 'depositRequest', dossier);
  const blocking = mail.missing.filter((k) => !mail.held.includes(k));
  if (blocking.length) return { outcome: 'skipped', number: d.number, reason: `Champs du modèle sans valeur : ${blocking.map((k) => `{{${k}}}`).join(', ')}.` };
  const id = queueEmail(ctx, settings, {
    agencyId: d.agencyId,
    bookingId,
    kind: 'depositRequest',
    language: mail.language,
    to: { name: dossier.clientName, address: dossier.email.trim() },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    hold: mail.held.length ? HELD_REASON : null,
  });
  return mail.held.length ? { outcome: 'held', number: d.number, reason: HELD_REASON } : { outcome: id ? 'queued' : 'skipped', number: d.number, reason: '' };
}

