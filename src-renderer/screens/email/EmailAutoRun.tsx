// One agency's E-mail Auto: the tabs with their counts, the list of the selected tab, the right
// pane where « CRÉER MAIL » places the filled template, and the batch of the tab.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Agency, BatchStatus, DueEmail } from '../../../src-shared/contract';
import { EMAIL_KIND_LABELS, type PlannedEmailKind } from '../../../src-shared/domain';
import { ApiError, call, onEvent } from '../../api';
import { useToast } from '../../components/Toast';
import { formatCount, useQuery } from '../../hooks';
import { dossierLink, settingsLink } from '../../routes';
import { BatchProgress, ConfirmBatchDialog } from './Batch';
import { DueList } from './DueList';
import { DUE_TABLES } from './EmailAuto';
import { TABS } from './labels';
import { MailEditor, type MailFields } from './MailEditor';

interface Draft {
  bookingId: string;
  number: string;
  clientName: string;
  kind: PlannedEmailKind;
  anchorDate: string | null;
  missing: string[];
  original: MailFields;
  fields: MailFields;
  /** Changes with each « CRÉER MAIL », so the editor starts again from the new text. */
  key: string;
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
const edited = (d: Draft) => d.fields.to !== d.original.to || d.fields.subject !== d.original.subject || d.fields.html !== d.original.html;

function Tabs({ kind, counts, panelId, onTab }: { kind: PlannedEmailKind; counts: Record<PlannedEmailKind, number> | null; panelId: string; onTab(k: PlannedEmailKind): void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.kind === kind);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length]!;
    onTab(next.kind);
    list.current?.querySelector<HTMLElement>(`[data-kind="${next.kind}"]`)?.focus();
  };
  return (
    <div className="email-tabs" role="tablist" aria-label="Types d'e-mails" ref={list} onKeyDown={onKeyDown}>
      {TABS.map((t) => {
        const selected = t.kind === kind;
        const n = counts?.[t.kind];
        return (
          <button
            key={t.kind}
            type="button"
            role="tab"
            data-kind={t.kind}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onTab(t.kind)}
          >
            {t.label} <span className={n ? 'email-tab-count waiting' : 'email-tab-count'}>({n === undefined ? '…' : formatCount(n)})</span>
          </button>
        );
      })}
    </div>
  );
}

/**
 * The due list of one tab. Unlike useQuery it never shows the previous tab's rows while the new
 * tab loads: « CRÉER MAIL » must not be offered for a dossier of another tab.
 */
function useDueList(agencyId: string, kind: PlannedEmailKind): { data: DueEmail[] | null; error: string | null } {
  const [state, setState] = useState<{ kind: PlannedEmailKind; data: DueEmail[] | null; error: string | null }>({ kind, data: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    call('emails/due/list', { agencyId, kind }).then(
      (data) => live && setState({ kind, data, error: null }),
      (e: unknown) => live && setState((s) => ({ kind, data: s.kind === kind ? s.data : null, error: message(e) })),
    );
    return () => {
      live = false;
    };
  }, [agencyId, kind, version]);
  useEffect(() => onEvent('changed', ({ tables }) => tables.some((t) => (DUE_TABLES as readonly string[]).includes(t)) && setVersion((v) => v + 1)), []);
  return state.kind === kind ? state : { data: null, error: null };
}

export function EmailAutoRun({ agency, kind, onTab }: { agency: Agency; kind: PlannedEmailKind; onTab(k: PlannedEmailKind): void }) {
  const agencyId = agency.id;
  const id = useId();
  const counts = useQuery('emails/due/counts', { agencyId }, DUE_TABLES);
  const settings = useQuery('emails/settings/get', { agencyId }, ['agency_email_settings']);
  const list = useDueList(agencyId, kind);
  const rows = list.data ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [busy, setBusy] = useState<'draft' | 'send' | 'batch' | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [batch, setBatch] = useState<BatchStatus | null>(null);
  const toast = useToast();
  const smtpMissing = settings.data ? !settings.data.configured : false;

  // A row that left the list (sent, or changed elsewhere) hands the selection to the one now in its place.
  const found = rows.findIndex((r) => r.bookingId === selectedId);
  const selected = found >= 0 ? rows[found]! : (rows[Math.min(lastIndex.current, rows.length - 1)] ?? null);
  useEffect(() => {
    if (found >= 0) lastIndex.current = found;
  }, [found]);
  useEffect(() => {
    setSelectedId(null);
    lastIndex.current = 0;
    setAlert(null);
  }, [kind]);

  const select = (bookingId: string) => {
    setSelectedId(bookingId);
    lastIndex.current = Math.max(rows.findIndex((r) => r.bookingId === bookingId), 0);
  };

  const createMail = async (bookingId: string, force = false) => {
    select(bookingId);
    if (!force && draft && draft.bookingId !== bookingId && edited(draft)) {
      setReplacing(bookingId);
      return;
    }
    setReplacing(null);
    const row = rows.find((r) => r.bookingId === bookingId);
    if (!row) return;
    setBusy('draft');
    setAlert(null);
    try {
      const d = await call('emails/draft', { agencyId, kind, bookingId });
      const fields = { to: d.to, subject: d.subject, html: d.html };
      setDraft({
        bookingId,
        number: row.number,
        clientName: row.clientName,
        kind,
        anchorDate: d.anchorDate,
        missing: d.missing,
        original: fields,
        fields,
        key: `${bookingId}:${kind}:${Date.now()}`,
      });
    } catch (e) {
      setAlert(message(e));
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    if (!draft) return;
    setBusy('send');
    setAlert(null);
    try {
      await call('emails/send', { agencyId, kind: draft.kind, bookingId: draft.bookingId, ...draft.fields, anchorDate: draft.anchorDate });
      toast.show(`E-mail « ${EMAIL_KIND_LABELS[draft.kind]} » du dossier ${draft.number} envoyé à ${draft.fields.to.trim()}.`);
      setDraft(null);
    } catch (e) {
      setAlert(message(e));
    } finally {
      setBusy(null);
    }
  };

  const startBatch = async () => {
    setBusy('batch');
    setAlert(null);
    try {
      setBatch(await call('emails/batch/start', { agencyId, kind }));
      setConfirming(false);
    } catch (e) {
      setConfirming(false);
      setAlert(message(e));
    } finally {
      setBusy(null);
    }
  };

  const skippedKnown = rows.filter((r) => r.skip !== null).length;
  const label = EMAIL_KIND_LABELS[kind];
  const panelId = `${id}-panel`;

  return (
    <>
      <Tabs kind={kind} counts={counts.data} panelId={panelId} onTab={onTab} />
      <div id={panelId} role="tabpanel" aria-label={label} className="email-panel">
        {smtpMissing && (
          <p className="email-smtp-missing" role="note">
            Aucun serveur d'e-mails n'est configuré pour {agency.name} : les e-mails ne peuvent pas partir.{' '}
            <a href={settingsLink('emails')}>Configurer l'envoi des e-mails (Paramétrage › Agences › Emails)</a>
          </p>
        )}
        {(alert ?? list.error ?? counts.error?.message) && (
          <p className="error" role="alert">
            {alert ?? list.error ?? counts.error?.message}
          </p>
        )}
        {batch && <BatchProgress key={batch.batchId} initial={batch} agencyName={agency.name} onClose={() => setBatch(null)} />}
        <div className="email-split">
          <div className="email-left">
            <div className="email-list-box">
              {!list.data ? (
                <p className="notice email-empty">{list.error ? '' : 'Chargement de la liste…'}</p>
              ) : rows.length === 0 ? (
                <p className="notice email-empty">Aucun e-mail « {label} » à envoyer aujourd'hui pour {agency.name}.</p>
              ) : (
                <DueList
                  label={`E-mails à envoyer — ${label}`}
                  rows={rows}
                  selectedId={selected?.bookingId ?? null}
                  onSelect={select}
                  onCreate={(b) => void createMail(b)}
                />
              )}
            </div>
            <div className="email-actions">
              <button
                type="button"
                className="email-batch-button"
                disabled={smtpMissing || busy !== null || rows.length === skippedKnown || (batch !== null && batch.kind === kind && !batch.finished)}
                onClick={() => setConfirming(true)}
              >
                TOUT CRÉER ET ENVOYER AUTOMATIQUEMENT
              </button>
              <button type="button" disabled={!selected || busy !== null} onClick={() => selected && void createMail(selected.bookingId)} title="Entrée">
                CRÉER MAIL
              </button>
              <output className="count">{list.data ? `${formatCount(rows.length)} ${rows.length > 1 ? 'dossiers' : 'dossier'}` : ''}</output>
            </div>
          </div>
          <div className="email-right" aria-label="E-mail à envoyer" role="region">
            {replacing && draft && (
              <div className="email-replace" role="alertdialog" aria-label="Remplacer le message en cours">
                <p>
                  Le message du dossier {draft.number} a été modifié et n'est pas envoyé. Le remplacer par celui du dossier{' '}
                  {rows.find((r) => r.bookingId === replacing)?.number} ?
                </p>
                <button type="button" onClick={() => void createMail(replacing, true)}>
                  Remplacer
                </button>
                <button type="button" onClick={() => setReplacing(null)}>
                  Garder le message en cours
                </button>
              </div>
            )}
            {draft ? (
              <>
                <div className="email-draft-head">
                  <strong>
                    {EMAIL_KIND_LABELS[draft.kind]} — dossier <a href={dossierLink(draft.bookingId)}>{draft.number}</a> · {draft.clientName}
                  </strong>
                  {edited(draft) && <span className="dossier-dirty">Modifié</span>}
                </div>
                <MailEditor
                  value={draft.fields}
                  onChange={(fields) => setDraft((d) => (d ? { ...d, fields } : d))}
                  missing={draft.missing}
                  resetKey={draft.key}
                  disabled={busy === 'send'}
                />
                <div className="email-send-bar">
                  <button type="button" onClick={() => setDraft(null)} disabled={busy !== null}>
                    Abandonner ce message
                  </button>
                  <button type="button" className="dossier-primary" disabled={smtpMissing || busy !== null} onClick={() => void send()}>
                    ENVOYER
                  </button>
                </div>
              </>
            ) : (
              <p className="notice email-pane-help">
                Choisissez un dossier dans la liste puis « CRÉER MAIL » (ou Entrée) : l'e-mail rempli avec le modèle s'affiche ici, à relire
                et modifier avant « ENVOYER ».
              </p>
            )}
          </div>
        </div>
      </div>
      {confirming && (
        <ConfirmBatchDialog
          kind={kind}
          agencyName={agency.name}
          listed={rows.length}
          skipped={skippedKnown}
          busy={busy === 'batch'}
          onConfirm={() => void startBatch()}
          onClose={() => setConfirming(false)}
        />
      )}
      {toast.view}
    </>
  );
}
