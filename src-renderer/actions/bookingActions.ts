// One registry of what can be done to dossiers from the grid: the right-click menu, its keyboard
// twin and any toolbar read it, so an action is enabled (or explained) the same way everywhere.
import type { BookingRow } from '../../src-shared/contract';
import { formatStayDate, isOptionLapsed } from '../../src-shared/domain';
import { call } from '../api';
import { dossierLink, navigate } from '../routes';

export interface ActionEnv {
  now: Date;
  copy(text: string, what: string): Promise<void>;
  notify(message: string): void;
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
      for (const r of rows) await call('bookings/confirm', { id: r.id });
      env.notify(rows.length > 1 ? `${rows.length} options confirmées` : `Option ${rows[0]!.number} confirmée`);
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
      await call('bookings/cancel', { id: row!.id, reason });
      env.notify(`Dossier ${row!.number} annulé`);
    },
  },
  {
    id: 'copy-swikly-link',
    label: 'Copier lien Swikly',
    multi: false,
    enabled: () => "Disponible avec l'intégration Swikly (caution), prochaine étape de Comptoir.",
    run: async () => {},
  },
  {
    id: 'deposit-mail',
    label: 'Mail auto sécurisation caution',
    multi: false,
    enabled: () => 'Disponible avec les e-mails automatiques et Swikly, prochaine étape de Comptoir.',
    run: async () => {},
  },
];
