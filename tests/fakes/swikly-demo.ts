// The guest's side of a request, for demonstrations: `GET /demo/<code>` is the page a Swikly link
// opens, whose button completes the checkout as if the guest had entered a card.
import type { StoredRequest } from './swikly-model';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const formatCents = (cents: number) => euros.format(cents / 100);

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STATUS_FR: Record<string, string> = {
  Pending: 'en attente',
  Initialized: 'en cours',
  Temporary: 'en cours',
  Accepted: 'sécurisée',
  Failed: 'refusée',
  Released: 'libérée',
  Expired: 'échue',
  ExpiredWithoutAcceptance: 'expirée',
  Canceled: 'annulée',
  Succeeded: 'payé',
};

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1d2733;display:flex;justify-content:center;padding:48px 16px}
main{background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002;padding:32px;max-width:440px;width:100%}
h1{font-size:1.3rem;margin:0 0 12px}p{line-height:1.5}.muted{color:#5b6875;font-size:.9rem}
button{font:inherit;border:0;border-radius:6px;padding:10px 18px;cursor:pointer;margin-right:8px}
.primary{background:#0b6e4f;color:#fff}.secondary{background:#e4e8ec;color:#1d2733}
</style></head><body><main>${body}<p class="muted">Page de démonstration du faux Swikly — aucune carte n’est débitée.</p></main></body></html>`;
}

export function demoPage(r: StoredRequest): string {
  const d = r.deposit;
  const p = r.payment;
  const title = d ? `Sécuriser la caution de ${formatCents(d.amount)}` : `Payer ${formatCents(p?.amount ?? 0)}`;
  const lines = [`<h1>${escape(title)}</h1>`, `<p>${escape(r.description)}</p>`];
  if (d) lines.push(`<p>Caution du ${frenchDate(d.startDate)} au ${frenchDate(d.endDate)} : ${STATUS_FR[d.status] ?? d.status}.</p>`);
  if (p) lines.push(`<p>Paiement du solde de ${formatCents(p.amount)} : ${STATUS_FR[p.status] ?? p.status}.</p>`);
  const open = (d && ['Pending', 'Temporary', 'Initialized', 'Failed'].includes(d.status)) || (p && ['Pending', 'Temporary', 'Initialized', 'Failed'].includes(p.status));
  if (open)
    lines.push(`<form method="post" action="/demo/${r.linkCode}/checkout">
<button class="primary" name="outcome" value="accepted">Sécuriser</button>
<button class="secondary" name="outcome" value="failed">Simuler un refus de carte</button>
</form>`);
  else lines.push('<p><strong>Cette demande n’attend plus rien de votre part.</strong></p>');
  return page(title, lines.join('\n'));
}

export function demoNotFound(): string {
  return page('Lien inconnu', '<h1>Lien inconnu</h1><p>Ce lien Swikly n’existe pas ou plus.</p>');
}
