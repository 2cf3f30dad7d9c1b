import { useEffect, useId, useRef, useState } from 'react';
import type { Output } from '../../../src-shared/contract';
import { formatMoney } from '../../../src-shared/domain';
import { useQuery } from '../../hooks';
import { dossierLink, dossiersLink } from '../../routes';
import { ClientPicker } from './ClientPicker';
import { dialogOpen } from './Dialog';
import { describedBy, FieldError } from './FieldError';
import { SOURCE_LABELS, type BookingSource } from './labels';
import { LeaveDialog } from './LeaveDialog';
import { draftLinesTotal, PricingLines } from './PricingLines';
import { StayEditor } from './StayEditor';
import { useLeaveGuard } from './useLeaveGuard';
import { useNewDossier } from './useNewDossier';
import { useServerClock } from './useServerClock';

type Agency = Output<'agencies/list'>[number];
const SOURCES = Object.keys(SOURCE_LABELS) as BookingSource[];

/** "Nouveau dossier": stay with availability, client, status, Tarification from the price list. */
export function NewDossierScreen({ agencyId, agencies }: { agencyId: string | null; agencies: Agency[] }) {
  const id = useId();
  const [chosenAgency, setChosenAgency] = useState('');
  const agency = agencies.find((a) => a.id === (agencyId ?? chosenAgency)) ?? null;
  const properties = useQuery('properties/list', { agencyId: agency?.id ?? null }, ['properties']);
  const clock = useServerClock();
  const d = useNewDossier(agency, agency ? (properties.data ?? []) : [], clock);
  const guard = useLeaveGuard(d.dirty);
  const f = (name: string) => `${id}-${name}`;
  const shown = (message: string | undefined) => (d.showAll ? message : undefined);

  const onSubmit = async () => {
    const created = await d.submit();
    if (created) guard.proceed(dossierLink(created));
  };

  const escape = useRef(() => guard.requestLeave(dossiersLink({})));
  escape.current = () => guard.requestLeave(dossiersLink({}));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || dialogOpen() || e.defaultPrevented) return;
      // Échap first clears a search box, as it does everywhere.
      if (e.target instanceof HTMLInputElement && e.target.type === 'search' && e.target.value !== '') return;
      escape.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const { form, set } = d;
  const defaultDeposit = d.property?.defaultDepositCents;

  return (
    <section className="dossier" aria-labelledby={f('title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <div className="dossier-bar">
          <h1 id={f('title')}>Nouveau dossier</h1>
          <div className="dossier-actions">
            <button type="submit" className="dossier-primary" disabled={d.busy}>
              Créer le dossier
            </button>
            <button type="button" title="Échap" onClick={() => guard.requestLeave(dossiersLink({}))}>
              Fermer
            </button>
          </div>
        </div>
        {d.alert && (
          <p className="error" role="alert">
            {d.alert}
          </p>
        )}

        <div className="dossier-sections dossier-sections-new">
          <div className="dossier-column">
            <section className="dossier-panel" aria-labelledby={f('stay')}>
              <h2 id={f('stay')}>Séjour</h2>
              {agencyId === null && (
                <div className="dossier-form-grid">
                  <label htmlFor={f('agency')}>Agence du dossier</label>
                  <span>
                    <select id={f('agency')} value={chosenAgency} onChange={(e) => setChosenAgency(e.target.value)} {...describedBy(f('agency-error'), shown(d.errors.agency))}>
                      <option value="">Choisissez une agence</option>
                      {agencies.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                        </option>
                      ))}
                    </select>
                    <FieldError id={f('agency-error')} message={shown(d.errors.agency)} />
                  </span>
                </div>
              )}
              <StayEditor
                stay={form.stay}
                errors={d.errors.stay}
                showAll={d.showAll}
                properties={agency ? (properties.data ?? []) : []}
                availability={d.availability}
                onChange={set.stay}
              />
            </section>

            <section className="dossier-panel" aria-labelledby={f('status')}>
              <h2 id={f('status')}>Statut et provenance</h2>
              <div className="dossier-form-grid">
                <span>Statut</span>
                <span role="radiogroup" aria-label="Statut" className="dossier-radios">
                  <label>
                    <input type="radio" name={f('status-radio')} checked={form.status === 'option'} onChange={() => set.status('option')} /> Option
                  </label>
                  <label>
                    <input type="radio" name={f('status-radio')} checked={form.status === 'confirmed'} onChange={() => set.status('confirmed')} /> Confirmé
                  </label>
                </span>
                {form.status === 'option' && (
                  <>
                    <label htmlFor={f('expiry')}>Expiration de l'option</label>
                    <span>
                      <input id={f('expiry')} className="dossier-datetime" placeholder="JJ/MM/AAAA HH:MM" maxLength={20} value={form.expiry} onChange={(e) => set.expiry(e.target.value)} {...describedBy(f('expiry-error'), d.errors.expiry)} />
                      <FieldError id={f('expiry-error')} message={d.errors.expiry} />
                    </span>
                  </>
                )}
                <label htmlFor={f('source')}>Provenance</label>
                <select id={f('source')} value={form.source} onChange={(e) => set.source(e.target.value as BookingSource)}>
                  {SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {SOURCE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
            </section>

            <section className="dossier-panel" aria-labelledby={f('client')}>
              <h2 id={f('client')}>Client</h2>
              <ClientPicker agencyId={agency?.id ?? null} choice={form.client} showAll={d.showAll} onChange={set.client} />
            </section>
          </div>

          <div className="dossier-column">
            <section className="dossier-panel" aria-labelledby={f('pricing')}>
              <h2 id={f('pricing')}>Tarification</h2>
              {form.lines.length === 0 && !d.property && <p className="dossier-muted">Choisissez le logement et les dates : la tarification du logement s'affiche ici.</p>}
              <PricingLines lines={form.lines} onChange={set.lines} showAll={d.showAll} readOnly={false} />
              <dl className="dossier-totals">
                <dt>Total</dt>
                <dd>{formatMoney(draftLinesTotal(form.lines))}</dd>
              </dl>
              <div className="dossier-form-grid">
                <label htmlFor={f('deposit')}>Montant de caution</label>
                <span>
                  <input
                    id={f('deposit')}
                    inputMode="decimal"
                    className="dossier-money"
                    placeholder={defaultDeposit ? formatMoney(defaultDeposit).replace(/\s*€$/, '') : ''}
                    value={form.deposit}
                    onChange={(e) => set.deposit(e.target.value)}
                    {...describedBy(f('deposit-error'), d.errors.deposit)}
                  />
                  <span aria-hidden="true"> €</span>
                  {form.deposit.trim() === '' && d.property && (
                    <span className="dossier-muted"> {defaultDeposit ? 'montant du logement' : 'pas de caution pour ce logement'}</span>
                  )}
                  <FieldError id={f('deposit-error')} message={d.errors.deposit} />
                </span>
              </div>
            </section>
          </div>
        </div>
      </form>
      {guard.pendingHref !== null && <LeaveDialog subject="ce nouveau dossier" busy={d.busy} onStay={guard.stay} onLeave={guard.leave} />}
    </section>
  );
}
