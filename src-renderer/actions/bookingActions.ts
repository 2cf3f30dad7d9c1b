// One registry of what can be done to dossiers from the grid: the right-click menu, its keyboard
// twin and any toolbar read it, so an action is enabled (or explained) the same way everywhere.
import type { BookingRow, Output } from '../../src-shared/contract';
import { DEPOSIT_STATE_LABELS, formatStayDate, isOptionLapsed, type DepositState } from '../../src-shared/domain';
import { call, connected, onEvent } from '../api';
import { dossierLink, navigate } from '../routes';

export interface ActionEnv {
  now: Date;
  copy(text: string, what: string): Promise<void>;
  /** 'error': a problem the clerk should act on (shown longer, read out at once). */
  notify(message: string, tone?: 'info' | 'error'): void;
  /** Asks for a reason; null when the clerk gives up. */
  askReason(title: string, message: string): Promise<string | null>;
}

export interface BookingAction {
  id: string;
  label: string;
  /** Whether it applies to several selected dossiers at once. */
  multi: boolean;
  /** true, or why not (shown as the disabled item's tooltip). */
  enabled(rows: BookingRow[], env: ActionEnv): true | string;
  run(rows: BookingRow[], env: ActionEnv): Promise<void>;
}

const single = (rows: BookingRow[]) => (rows.length === 1 ? true : 'Sélectionnez un seul dossier.');

/**
 * Whether each agency's Swikly link is on (Préférences), kept fresh for the menu's synchronous
 * checks. An agency not known yet (or whose settings could not be read) is let through: the back
 * end then answers in its own words.
 */
const swiklyLink = new Map<string, { enabled: boolean; agencyName: string }>();

async function loadSwiklyLinks(): Promise<void> {
  const agencies = await call('agencies/list', {});
  await Promise.all(
    agencies.map((a) =>
      call('swikly/settings/get', { agencyId: a.id }).then(
        (s) => swiklyLink.set(a.id, { enabled: s.enabled, agencyName: a.name }),
        () => swiklyLink.delete(a.id),
      ),
    ),
  );
}

if (connected) {
  const refresh = () => void loadSwiklyLinks().catch(() => swiklyLink.clear());
  queueMicrotask(refresh);
  onEvent('changed', ({ tables }) => {
    if (tables.includes('agency_swikly_settings') || tables.includes('agencies')) refresh();
  });
}

/** Why nothing can be asked of Swikly for these dossiers: the link is off for every one's agency. */
function swiklyOff(rows: BookingRow[]): string | null {
  const links = rows.map((r) => swiklyLink.get(r.agencyId));
  if (links.length === 0 || !links.every((l) => l && !l.enabled)) return null;
  return `La liaison Swikly n'est pas activée pour ${links[0]!.agencyName} : Paramétrage › Agences › Préférences.`;
}

export const bookingActions: BookingAction[] = [
  {
    id: 'open',
    label: 'Ouvrir le dossier',
    multi: false,
    enabled: single,
    run: async ([row]) => navigate(dossierLink(row!.id)),
  },
  {
    id: 'copy-number',
    label: 'Copier N° dossier',
    multi: true,
    enabled: (rows) => rows.length > 0 || 'Aucun dossier sélectionné.',
    run: async (rows, env) => env.copy(rows.map((r) => r.number).join('\n'), rows.length > 1 ? `${rows.length} N° de dossier copiés` : `N° dossier ${rows[0]!.number} copié`),
  },
  {
    id: 'confirm',
    label: "Confirmer l'option",
    multi: true,
    enabled: (rows, env) => {
      if (rows.length === 0) return 'Aucun dossier sélectionné.';
      if (rows.some((r) => r.status !== 'option')) return 'Seules les options peuvent être confirmées.';
      if (rows.some((r) => isOptionLapsed(r, env.now))) return 'Une option sélectionnée a expiré.';
      return true;
    },
    run: async (rows, env) => {
      const notices: string[] = [];
      for (const r of rows) {
        const { emailNotice } = await call('bookings/confirm', { id: r.id });
        if (emailNotice) notices.push(rows.length > 1 ? `${r.number} : ${emailNotice}` : emailNotice);
      }
      const done = rows.length > 1 ? `${rows.length} options confirmées` : `Option ${rows[0]!.number} confirmée`;
      env.notify(notices.length ? `${done}. ${notices.join(' ')}` : done, notices.length ? 'error' : 'info');
    },
  },
  {
    id: 'cancel',
    label: 'Annuler le dossier…',
    multi: false,
    enabled: (rows) => {
      const one = single(rows);
      if (one !== true) return one;
      return rows[0]!.status === 'cancelled' ? 'Ce dossier est déjà annulé.' : true;
    },
    run: async ([row], env) => {
      const reason = await env.askReason(
        `Annuler le dossier ${row!.number} ?`,
        `Les nuits du ${formatStayDate(row!.arrival)} au ${formatStayDate(row!.departure)} seront libérées. Indiquez le motif de l'annulation.`,
      );
      if (reason === null) return;
      const { emailNotice } = await call('bookings/cancel', { id: row!.id, reason });
      env.notify(emailNotice ? `Dossier ${row!.number} annulé. ${emailNotice}` : `Dossier ${row!.number} annulé`, emailNotice ? 'error' : 'info');
    },
  },
  {
    id: 'copy-swikly-link',
    label: 'Copier lien Swikly',
    multi: false,
    enabled: (rows) => {
      const one = single(rows);
      if (one !== true) return one;
      const [row] = rows;
      if (row!.depositState === 'none') return 'Pas de caution pour ce dossier : aucun lien Swikly.';
      if (row!.status === 'cancelled') return 'Dossier annulé : plus de lien Swikly à envoyer.';
      return swiklyOff(rows) ?? true;
    },
    // The back end says why there is no link (not created yet, offline, already secured…).
    run: async ([row], env) => {
      const answer = await call('deposits/copyLink', { bookingId: row!.id });
      if (answer.link) await env.copy(answer.link, answer.message);
      else env.notify(answer.message);
    },
  },
  {
    id: 'deposit-mail',
    label: 'Mail auto sécurisation caution',
    multi: true,
    enabled: (rows) => {
      if (rows.length === 0) return 'Aucun dossier sélectionné.';
      const off = swiklyOff(rows);
      if (off) return off;
      const asking = rows.filter((r) => r.status !== 'cancelled' && ASKABLE_DEPOSIT.has(r.depositState));
      if (asking.length > 0) return true;
      if (rows.every((r) => r.depositState === 'none')) return rows.length > 1 ? 'Pas de caution pour ces dossiers.' : 'Pas de caution pour ce dossier.';
      if (rows.every((r) => r.status === 'cancelled')) return rows.length > 1 ? 'Ces dossiers sont annulés.' : 'Ce dossier est annulé.';
      return rows.length > 1 ? 'Aucune caution à demander dans la sélection (déjà sécurisées, libérées ou sans caution).' : `Caution ${DEPOSIT_STATE_LABELS[rows[0]!.depositState].toLowerCase()} : rien à demander.`;
    },
    // Dossiers that cannot get the e-mail are reported by the back end (skipped, with reasons).
    run: async (rows, env) => {
      const answer = await call('deposits/sendRequestMail', { bookingIds: rows.map((r) => r.id) });
      env.notify(sendSummary(answer));
    },
  },
];

/** Deposits for which the « Sécurisation caution » e-mail still makes sense. */
const ASKABLE_DEPOSIT: ReadonlySet<DepositState> = new Set(['to_request', 'requesting', 'requested', 'failed', 'expired_unsecured']);

const dossiers = (n: number) => `${n} dossier${n > 1 ? 's' : ''}`;

/** « 2 e-mails envoyés · 1 en attente du lien Swikly (2026-000412) · 1 ignoré (2026-000413 : Caution déjà sécurisée) ». */
export function sendSummary(answer: Output<'deposits/sendRequestMail'>): string {
  const parts: string[] = [];
  if (answer.queued > 0) parts.push(answer.queued > 1 ? `${answer.queued} e-mails envoyés` : 'E-mail envoyé');
  if (answer.held.length > 0) {
    const which = answer.held.length === 1 ? ` (${answer.held[0]!.number})` : '';
    parts.push(`${dossiers(answer.held.length)} en attente du lien Swikly${which} : l’e-mail partira dès qu’il existera`);
  }
  if (answer.skipped.length > 0) {
    const detail = answer.skipped
      .slice(0, 3)
      .map((s) => `${s.number} : ${s.reason}`)
      .join(' ; ');
    parts.push(`${dossiers(answer.skipped.length)} ignoré${answer.skipped.length > 1 ? 's' : ''} (${detail}${answer.skipped.length > 3 ? ' ; …' : ''})`);
  }
  return `Mail auto sécurisation caution : ${parts.length ? parts.join(' · ') : 'aucun e-mail'}.`;
}
