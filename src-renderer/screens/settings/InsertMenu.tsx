// « Insérer »: the merge fields by group (Client, Dossier, Logement, Agence, Caution), each with
// its label and its {{key}}. A menu button: arrows move, Entrée inserts, Échap closes.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Output } from '../../../src-shared/contract';

export type MergeField = Output<'emails/mergeFields'>[number];

export function InsertMenu({ fields, onInsert, onDismiss }: { fields: MergeField[]; onInsert(key: string): void; onDismiss(): void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const groups = [...new Set(fields.map((f) => f.group))].map((group) => ({ group, fields: fields.filter((f) => f.group === group) }));

  const items = () => [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const choose = (key: string) => {
    setOpen(false);
    onInsert(key);
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      onDismiss();
    } else if (e.key === 'Tab') setOpen(false);
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      // Type-ahead on the label: « s » goes to « Solde ».
      const letter = e.key.toLocaleLowerCase('fr');
      const next = [...list.slice(index + 1), ...list.slice(0, index + 1)].find((el) => el.dataset.label?.toLocaleLowerCase('fr').startsWith(letter));
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  };

  return (
    <div className="tpl-insert" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        title="Insère le champ à l'emplacement du curseur, dans l'objet ou le corps"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Insérer <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="tpl-insert-menu" role="menu" id={`${id}-menu`} aria-labelledby={`${id}-button`} onKeyDown={onMenuKey}>
          {groups.map(({ group, fields: inGroup }) => (
            <div key={group} role="group" aria-labelledby={`${id}-${group}`}>
              <div id={`${id}-${group}`} className="tpl-insert-group" role="presentation">
                {group}
              </div>
              {inGroup.map((f) => (
                <div
                  key={f.key}
                  role="menuitem"
                  tabIndex={-1}
                  data-label={f.label}
                  className="tpl-insert-item"
                  onClick={() => choose(f.key)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      choose(f.key);
                    }
                  }}
                >
                  <span>{f.label}</span> <code>{`{{${f.key}}}`}</code>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
