// E-mail Auto (module Accueil): the semi-automatic e-mails due today, per tab, in batch or per recipient.
// One run per agency: with « Toutes les agences » at the top, the screen asks which one.
import { useId, useState } from 'react';
import type { Agency } from '../../../src-shared/contract';
import { PLANNED_EMAIL_KINDS, type PlannedEmailKind } from '../../../src-shared/domain';
import { useQuery } from '../../hooks';
import { emailAutoLink, navigate } from '../../routes';
import { EmailAutoRun } from './EmailAutoRun';
import { toSendSentence } from './labels';

/** Tables whose changes can move a dossier in or out of a tab. */
export const DUE_TABLES = ['bookings', 'clients', 'emails', 'agency_email_settings', 'email_rules'] as const;

export function EmailAuto({ agencyId, agencies, tab }: { agencyId: string | null; agencies: Agency[]; tab: PlannedEmailKind | null }) {
  // Chosen here when the top bar says « Toutes les agences »: the batch is sent agency by agency.
  const [chosen, setChosen] = useState<string | null>(null);
  const id = useId();
  const agency = agencies.find((a) => a.id === (agencyId ?? chosen)) ?? null;
  const kind = tab ?? PLANNED_EMAIL_KINDS[0];

  const chooser = agencyId === null && (
    <label className="email-agency" htmlFor={`${id}-agency`}>
      Agence de l'envoi
      <select id={`${id}-agency`} value={chosen ?? ''} onChange={(e) => setChosen(e.target.value || null)}>
        <option value="">Choisir une agence…</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="email-auto" aria-labelledby={`${id}-title`}>
      <div className="toolbar">
        <h1 id={`${id}-title`}>E-mail Auto</h1>
        {chooser}
        {agency && agencyId !== null && <span className="email-agency-name">{agency.name}</span>}
      </div>
      {agency ? (
        <EmailAutoRun key={agency.id} agency={agency} kind={kind} onTab={(k) => navigate(emailAutoLink(k))} />
      ) : (
        <p className="notice">
          Les e-mails semi-automatiques s'envoient agence par agence : choisissez l'agence dont vous voulez traiter les e-mails.
        </p>
      )}
    </section>
  );
}

/** The count shown beside « E-mail Auto » in the navigation. */
export function EmailAutoCount({ agencyId }: { agencyId: string | null }) {
  const counts = useQuery('emails/due/counts', { agencyId }, DUE_TABLES);
  if (!counts.data) return null;
  const total = Object.values(counts.data).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{total > 999 ? '999+' : total}</span>
      <span className="visually-hidden"> {toSendSentence(total)}</span>
    </span>
  );
}
