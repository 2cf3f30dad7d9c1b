// E-mail Auto (module Accueil): the semi-automatic e-mails due today, per tab, in batch or per recipient.
import type { Agency } from '../../../src-shared/contract';
import type { PlannedEmailKind } from '../../../src-shared/domain';

export function EmailAuto(_props: { agencyId: string | null; agencies: Agency[]; tab: PlannedEmailKind | null }) {
  return <h1>E-mail Auto</h1>;
}

/** The count shown beside « E-mail Auto » in the navigation. */
export function EmailAutoCount(_props: { agencyId: string | null }) {
  return null;
}
