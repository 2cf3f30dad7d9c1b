// Hash routes, so a card, a menu or a test can open a screen already filtered, and the browser's
// Back goes where a clerk expects.
import { useEffect, useState } from 'react';
import { bookingPresets, type BookingPreset } from '../src-shared/contract/bookings';

export type Route =
  | { screen: 'accueil' }
  | { screen: 'dossiers'; preset: BookingPreset | null }
  | { screen: 'dossier'; id: string }
  | { screen: 'nouveau-dossier' }
  | { screen: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first = '', second] = path.split('/');
  if (first === 'dossiers') {
    const preset = new URLSearchParams(query).get('preset');
    return { screen: 'dossiers', preset: (bookingPresets as readonly string[]).includes(preset ?? '') ? (preset as BookingPreset) : null };
  }
  if (first === 'dossier' && second === 'nouveau') return { screen: 'nouveau-dossier' };
  if (first === 'dossier' && second) return { screen: 'dossier', id: decodeURIComponent(second) };
  return { screen: first || 'accueil' };
}

export const dossiersLink = ({ preset }: { preset?: BookingPreset }) => (preset ? `#/dossiers?preset=${preset}` : '#/dossiers');
export const dossierLink = (id: string) => `#/dossier/${encodeURIComponent(id)}`;
export const NEW_DOSSIER_LINK = '#/dossier/nouveau';

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
