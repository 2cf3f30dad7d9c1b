// Hash routes, so a card, a menu or a test can open a screen already filtered, and the browser's
// Back goes where a clerk expects.
import { useEffect, useState } from 'react';
import { bookingPresets, type BookingPreset } from '../src-shared/contract/bookings';
import { PLANNED_EMAIL_KINDS, type PlannedEmailKind } from '../src-shared/domain/email-planning';

export type Route =
  | { screen: 'accueil' }
  | { screen: 'dossiers'; preset: BookingPreset | null }
  | { screen: 'dossier'; id: string }
  | { screen: 'nouveau-dossier' }
  | { screen: 'email-auto'; tab: PlannedEmailKind | null }
  | { screen: 'parametrage'; section: string | null }
  | { screen: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first = '', second] = path.split('/');
  if (first === 'dossiers') {
    const preset = new URLSearchParams(query).get('preset');
    return { screen: 'dossiers', preset: (bookingPresets as readonly string[]).includes(preset ?? '') ? (preset as BookingPreset) : null };
  }
  if (first === 'email-auto') {
    const tab = new URLSearchParams(query).get('tab');
    return { screen: 'email-auto', tab: (PLANNED_EMAIL_KINDS as readonly string[]).includes(tab ?? '') ? (tab as PlannedEmailKind) : null };
  }
  if (first === 'parametrage') return { screen: 'parametrage', section: second ? decodeURIComponent(second) : null };
  if (first === 'dossier' && second === 'nouveau') return { screen: 'nouveau-dossier' };
  if (first === 'dossier' && second) return { screen: 'dossier', id: decodeURIComponent(second) };
  return { screen: first || 'accueil' };
}

export const dossiersLink = ({ preset }: { preset?: BookingPreset }) => (preset ? `#/dossiers?preset=${preset}` : '#/dossiers');
export const dossierLink = (id: string) => `#/dossier/${encodeURIComponent(id)}`;
export const NEW_DOSSIER_LINK = '#/dossier/nouveau';
export const emailAutoLink = (tab?: PlannedEmailKind) => (tab ? `#/email-auto?tab=${tab}` : '#/email-auto');
export const settingsLink = (section?: string) => (section ? `#/parametrage/${encodeURIComponent(section)}` : '#/parametrage');

export function navigate(href: string): void {
  window.location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
