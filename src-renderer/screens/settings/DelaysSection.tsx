// « Délais des e-mails semi-automatiques »: for each tab of E-mail Auto, how many days from its
// anchor date, whether a late dossier still gets it, and the optional conditions.
import { useId, useState } from 'react';
import type { Property } from '../../../src-shared/contract';
import { EMAIL_KIND_LABELS, OFFSET_LABELS } from '../../../src-shared/domain';
import { useQuery } from '../../hooks';
import { describedBy, FieldError } from '../dossier/FieldError';
import { SOURCE_LABELS, type BookingSource } from '../dossier/labels';
import type { RuleDraft } from './settings-draft';
import type { EmailSettingsEditor } from './useEmailSettings';

const SOURCES = Object.keys(SOURCE_LABELS) as BookingSource[];

export function DelaysSection({ editor, agencyId }: { editor: EmailSettingsEditor; agencyId: string }) {
  const id = useId();
  const properties = useQuery('properties/list', { agencyId }, ['properties']);
  const draft = editor.draft!;
  const setRule = (next: RuleDraft) => editor.setDraft({ ...draft, rules: draft.rules.map((r) => (r.kind === next.kind ? next : r)) });

  return (
    <section className="settings-part" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Délais des e-mails semi-automatiques</h3>
      <p className="settings-note">
        Chaque e-mail apparaît dans E-mail Auto ce nombre de jours avant (ou après) sa date de référence. Sans condition, il concerne
        tous les logements et toutes les provenances.
      </p>
      {properties.error && (
        <p className="error" role="alert">
          {properties.error.message}
        </p>
      )}
      <div className="settings-rules">
        {draft.rules.map((rule) => (
          <RuleFields key={rule.kind} rule={rule} editor={editor} properties={properties.data ?? []} onChange={setRule} />
        ))}
      </div>
    </section>
  );
}

function RuleFields({
  rule,
  editor,
  properties,
  onChange,
}: {
  rule: RuleDraft;
  editor: EmailSettingsEditor;
  properties: Property[];
  onChange(rule: RuleDraft): void;
}) {
  const id = useId();
  const errorKey = `${rule.kind}.offsetDays`;
  const error = editor.errorOf(errorKey);
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const conditions = rule.propertyIds.length + rule.sources.length;
  // The property list is drawn only when opened: four rules × hundreds of check boxes otherwise.
  const [open, setOpen] = useState(conditions > 0);

  return (
    <fieldset className="settings-rule">
      <legend>{EMAIL_KIND_LABELS[rule.kind]}</legend>
      <div className="settings-rule-main">
        <div className="settings-field">
          <label htmlFor={`${id}-offset`}>{OFFSET_LABELS[rule.kind]}</label>
          <input
            id={`${id}-offset`}
            className="settings-days"
            inputMode="numeric"
            value={rule.offsetDays}
            onChange={(e) => onChange({ ...rule, offsetDays: e.target.value })}
            {...describedBy(`${id}-offset-error`, error)}
          />
          <FieldError id={`${id}-offset-error`} message={error} />
        </div>
        <label className="settings-check">
          <input type="checkbox" checked={rule.sendLate} onChange={(e) => onChange({ ...rule, sendLate: e.target.checked })} />
          Envoyer même si le délai est dépassé
        </label>
      </div>
      <details className="settings-conditions" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Conditions{' '}
          <span className="settings-muted">
            ({rule.propertyIds.length === 0 ? 'tous les logements' : `${rule.propertyIds.length} logement${rule.propertyIds.length > 1 ? 's' : ''}`},{' '}
            {rule.sources.length === 0 ? 'toutes les provenances' : rule.sources.map((s) => SOURCE_LABELS[s]).join(', ')})
          </span>
        </summary>
        {open && (
          <>
            <fieldset className="settings-sources">
              <legend>Provenances</legend>
              {SOURCES.map((s) => (
                <label key={s} className="settings-check">
                  <input type="checkbox" checked={rule.sources.includes(s)} onChange={(e) => onChange({ ...rule, sources: toggle(rule.sources, s, e.target.checked) })} />
                  {SOURCE_LABELS[s]}
                </label>
              ))}
            </fieldset>
            <PropertyPicker
              label={`Logements (${EMAIL_KIND_LABELS[rule.kind]})`}
              properties={properties}
              selected={rule.propertyIds}
              onChange={(propertyIds) => onChange({ ...rule, propertyIds })}
            />
          </>
        )}
      </details>
    </fieldset>
  );
}

/** A filterable list of check boxes: an agency has tens to hundreds of properties. */
function PropertyPicker({ label, properties, selected, onChange }: { label: string; properties: Property[]; selected: string[]; onChange(ids: string[]): void }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLocaleLowerCase('fr');
  const shown = needle ? properties.filter((p) => `${p.code} ${p.name} ${p.city}`.toLocaleLowerCase('fr').includes(needle)) : properties;
  // Chosen ones first, so what applies is seen without scrolling.
  const ordered = [...shown.filter((p) => selected.includes(p.id)), ...shown.filter((p) => !selected.includes(p.id))];
  const toggle = (pid: string, on: boolean) => onChange(on ? [...selected, pid] : selected.filter((x) => x !== pid));
  return (
    <fieldset className="settings-properties" aria-describedby={`${id}-count`}>
      <legend>Logements</legend>
      <div className="settings-properties-bar">
        <input type="search" aria-label="Filtrer les logements" placeholder="Filtrer (code, nom, ville)" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span id={`${id}-count`} className="settings-muted">
          {selected.length === 0 ? 'Aucun coché : tous les logements' : `${selected.length} coché${selected.length > 1 ? 's' : ''}`}
        </span>
        {selected.length > 0 && (
          <button type="button" onClick={() => onChange([])}>
            Tout décocher
          </button>
        )}
      </div>
      <ul className="settings-property-list" aria-label={label}>
        {ordered.map((p) => (
          <li key={p.id}>
            <label className="settings-check">
              <input type="checkbox" checked={selected.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
              <span className="settings-code">{p.code}</span> {p.name} <span className="settings-muted">— {p.city}</span>
            </label>
          </li>
        ))}
        {ordered.length === 0 && <li className="settings-muted">Aucun logement ne correspond.</li>}
      </ul>
    </fieldset>
  );
}
