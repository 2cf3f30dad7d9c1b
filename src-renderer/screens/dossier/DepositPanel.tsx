// The caution in Tarification: where its amount comes from, the témoin, Swikly's last error, and
// what staff can do (« Copier lien Swikly », « Mail auto sécurisation caution », « Libérer la
// caution », « Nouvelle demande »). A cancelled dossier whose deposit is secured gets a notice
// above its sections: staff must release it.
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { BookingDetail, DepositInfo } from '../../../src-shared/contract';
import { formatInstant, formatMoney, type DepositState } from '../../../src-shared/domain';
import { sendSummary } from '../../actions/bookingActions';
import { ApiError, call } from '../../api';
import { copyText } from '../../clipboard';
import { useToast } from '../../components/Toast';
import { Dialog } from './Dialog';
import { useDeposit, useHostBeforeFieldset } from './DepositHooks';
import { DepositWitness } from './DepositWitness';

/** Deposits the « Sécurisation caution » e-mail still makes sense for. */
const ASKABLE: ReadonlySet<DepositState> = new Set(['to_request', 'requesting', 'requested', 'failed', 'expired_unsecured']);
const message = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

function amountSource(info: DepositInfo): string {
  if (info.amountSource === 'none' || info.amountCents === null) return 'Pas de caution : aucun montant sur le dossier ni sur le logement.';
  const amount = formatMoney(info.amountCents);
  return info.amountSource === 'dossier' ? `Montant du dossier (${amount})` : `Montant par défaut du logement (${amount})`;
}

export function DepositPanel({ detail, today }: { detail: BookingDetail; today: string }) {
  const { info, error, adopt } = useDeposit(detail.id);
  const toast = useToast();
  const anchor = useRef<HTMLDivElement>(null);
  const outside = useHostBeforeFieldset(anchor);
  const [busy, setBusy] = useState<string | null>(null);
  const [releasing, setReleasing] = useState(false);
  const cancelled = detail.status === 'cancelled';
  const tz = detail.agencyTimeZone;

  const act = async (what: string, run: () => Promise<void>) => {
    if (busy) return;
    setBusy(what);
    try {
      await run();
    } catch (e) {
      toast.show(message(e), 'error');
    } finally {
      setBusy(null);
    }
  };

  const copyLink = () =>
    act('copy', async () => {
      const answer = await call('deposits/copyLink', { bookingId: detail.id });
      if (!answer.link) return toast.show(answer.message);
      await copyText(answer.link);
      toast.show(answer.message);
    });
  const sendMail = () => act('mail', async () => toast.show(sendSummary(await call('deposits/sendRequestMail', { bookingIds: [detail.id] }))));
  const requestAgain = () =>
    act('request', async () => {
      const next = await call('deposits/request', { bookingId: detail.id, reason: '' });
      adopt(next);
      toast.show(`Nouvelle demande de caution pour le dossier ${detail.number} : ${next.state === 'requested' ? 'lien créé' : 'envoi en attente'}.`);
    });
  const release = () =>
    act('release', async () => {
      const next = await call('deposits/release', { bookingId: detail.id });
      adopt(next);
      setReleasing(false);
      toast.show(
        next.state === 'released'
          ? `Caution du dossier ${detail.number} libérée.`
          : `Libération de la caution du dossier ${detail.number} demandée : elle part dès que Swikly répond.`,
      );
    });

  const state = info?.state ?? detail.depositState;
  const securedAt = info ? info.securedAt : detail.depositSecuredAt;
  const amountCents = info ? info.amountCents : detail.depositAmountCents;
  const releaseButton = (
    <button type="button" className="deposit-release" onClick={() => setReleasing(true)} disabled={busy !== null}>
      Libérer la caution
    </button>
  );
  // On a cancelled dossier the fieldset is disabled: releasing is offered outside it.
  const releaseOutside = cancelled && info !== null && (info.mustRelease || info.releasable);
  const notice = releaseOutside && (
    <div className={`deposit-must-release ${info.mustRelease ? '' : 'deposit-may-release'}`} role="region" aria-label="Caution à libérer">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>{info.mustRelease ? 'Dossier annulé : la caution sécurisée doit être libérée' : 'La caution sécurisée peut être libérée'}</strong>
        {info.amountCents !== null && ` — ${formatMoney(info.amountCents)} retenus sur la carte du locataire`}.
      </p>
      {releaseButton}
    </div>
  );

  return (
    <>
      <span>Caution</span>
      <div className="deposit-block" ref={anchor} aria-busy={info === null}>
        <DepositWitness state={state} securedAt={securedAt} arrival={detail.arrival} amountCents={amountCents} today={today} timeZone={tz} />
        {info && <p className="deposit-source">{amountSource(info)}</p>}
        {info?.requestedAt && state === 'requested' && (
          <p className="deposit-detail">Demandée le {formatInstant(info.requestedAt, tz).replace(' ', ' à ')}</p>
        )}
        {info?.lastError && (
          <p className="deposit-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {info.lastError}
          </p>
        )}
        {error && !info && <p className="deposit-error">{error.message}</p>}
        {info && !cancelled && (
          <div className="deposit-actions">
            {state !== 'none' && (
              <button type="button" onClick={() => void copyLink()} disabled={busy !== null}>
                Copier lien Swikly
              </button>
            )}
            {ASKABLE.has(state) && (
              <button type="button" onClick={() => void sendMail()} disabled={busy !== null}>
                Mail auto sécurisation caution
              </button>
            )}
            {info.releasable && releaseButton}
            {info.canRequestAgain && (
              <button type="button" onClick={() => void requestAgain()} disabled={busy !== null}>
                Nouvelle demande
              </button>
            )}
          </div>
        )}
        {notice && (outside ? createPortal(notice, outside) : notice)}
        {toast.view}
      </div>
      {releasing &&
        info &&
        createPortal(
          <Dialog
            title={`Libérer la caution${info.amountCents !== null ? ` de ${formatMoney(info.amountCents)}` : ''} du dossier ${detail.number} ?`}
            onClose={() => setReleasing(false)}
          >
            <p>
              {info.amountCents !== null ? `La caution de ${formatMoney(info.amountCents)}` : 'La caution'} sécurisée sur la carte de{' '}
              {detail.clientName} sera libérée chez Swikly. Elle ne pourra plus être retenue ; une réclamation se fera dans le tableau de
              bord Swikly.
            </p>
            <div className="dossier-dialog-actions">
              <button type="button" onClick={() => setReleasing(false)} data-autofocus>
                Ne pas libérer
              </button>
              <button type="button" className="dossier-primary" onClick={() => void release()} disabled={busy !== null}>
                {busy === 'release' ? 'Libération…' : 'Libérer la caution'}
              </button>
            </div>
          </Dialog>,
          document.body,
        )}
    </>
  );
}
