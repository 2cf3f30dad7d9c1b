// Paramétrage › Agences: the agency's settings (Emails: SMTP, délais, gestionnaire d'email).
import type { Agency } from '../../../src-shared/contract';

export function Parametrage(_props: { agencyId: string | null; agencies: Agency[]; section: string | null }) {
  return <h1>Paramétrage</h1>;
}
