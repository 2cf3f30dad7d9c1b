// The Swikly link as a merge field of the e-mail templates (« Insérer » › Caution). Its value comes
// from the main process (the dossier's current request); an e-mail whose link does not exist yet
// is held until it does, never sent with a blank.
import { registerMergeField } from './merge-fields';

export const SWIKLY_LINK_FIELD = 'Swikly_lien_caution';

// Optional for the template engine: a dossier without deposit, or already secured, gets a sentence
// instead of a link; the hold for a link still to come is decided where the value is known.
registerMergeField({ key: SWIKLY_LINK_FIELD, label: 'Lien Swikly de la caution', group: 'Caution', optional: true });

/** The value of the field for a dossier: its link, or a sentence saying why there is none to follow. */
export function swiklyLinkValue(
  situation: { kind: 'link'; link: string } | { kind: 'secured' } | { kind: 'none' } | { kind: 'manual' } | { kind: 'pending' },
  language: 'fr' | 'en',
): string | null {
  switch (situation.kind) {
    case 'link':
      return situation.link;
    case 'secured':
      return language === 'fr' ? 'elle est déjà sécurisée, merci !' : 'it is already secured, thank you!';
    case 'none':
      return language === 'fr' ? "aucune caution n'est demandée pour ce séjour." : 'no deposit is required for this stay.';
    // A deposit the agency collects without Swikly.
    case 'manual':
      return language === 'fr' ? 'ses modalités vous seront précisées à votre arrivée.' : 'we will explain how to pay it on your arrival.';
    case 'pending':
      return null;
  }
}
