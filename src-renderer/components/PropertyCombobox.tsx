// A logement chosen by typing part of its code, name or town (any case, accents or not), then
// picked from the matches with the arrows and Enter, or the mouse. It replaces a native <select>:
// with thousands of rentals a <select> is laid out in full each time its options change (2,857
// options measured at 184 ms in Chromium; 300 at 21 ms), and a long list is no way to find one
// rental anyway. Only the matches shown are rendered, MAX_SHOWN at most, and only while the list
// is open. ARIA 1.2 combobox pattern: the input keeps the focus, the active option is its
// aria-activedescendant.
import { useEffect, useId, useMemo, useState, type InputHTMLAttributes } from 'react';
import type { Property } from '../../src-shared/contract';

const MAX_SHOWN = 50;

/** Lower case without accents, so « Sables d'Olonne » is found by « sables d » and « Élan » by « elan ». */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type Searchable = Pick<Property, 'code' | 'name' | 'city'>;
const haystack = (p: Searchable) => fold(`${p.code} ${p.name} ${p.city}`);

/** Properties whose code, name or town hold every word typed, in list order. */
export function matchProperties<P extends Searchable>(properties: readonly P[], text: string, folded: readonly string[] = properties.map(haystack)): P[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return properties.slice();
  return properties.filter((_, i) => words.every((w) => folded[i]!.includes(w)));
}

export function PropertyCombobox({
  id,
  label,
  properties,
  value,
  onChange,
  allLabel,
  describe = (p) => `${p.code} · ${p.name}`,
  className,
  inputProps,
}: {
  id?: string;
  /** The accessible name when no <label htmlFor={id}> names the input. */
  label?: string;
  properties: readonly Property[];
  /** The chosen property's id, or '' for none ("all" when `allLabel` is given). */
  value: string;
  onChange(propertyId: string): void;
  /** Offers "no property" as the first choice, with this text (a filter's "Logement : tous"). */
  allLabel?: string;
  describe?(p: Property): string;
  className?: string;
  /** aria-invalid / aria-describedby and the like, passed to the input. */
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const folded = useMemo(() => properties.map(haystack), [properties]);
  const chosen = properties.find((p) => p.id === value);
  const chosenText = chosen ? describe(chosen) : value === '' ? '' : 'Chargement…';
  /** What the clerk is typing; null when the input shows the chosen property. */
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const matches = open ? matchProperties(properties, typed ?? '', folded) : [];
  const choices: { id: string; text: string }[] = open
    ? [
        // "All" is offered until the clerk types: then only what matches.
        ...(allLabel !== undefined && (typed ?? '').trim() === '' ? [{ id: '', text: allLabel }] : []),
        ...matches.slice(0, MAX_SHOWN).map((p) => ({ id: p.id, text: describe(p) })),
      ]
    : [];
  const hidden = matches.length - Math.min(matches.length, MAX_SHOWN);
  const activeIndex = Math.min(active, choices.length - 1);

  useEffect(() => {
    if (open) document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex, listId]);

  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const pick = (propertyId: string) => {
    close();
    if (propertyId !== value) onChange(propertyId);
  };
  const openAt = (index: number) => {
    setOpen(true);
    setActive(index);
  };
  /** Leaving the field: an emptied field means none; a code typed in full picks that property; anything else is undone. */
  const settle = () => {
    if (typed === null) return close();
    const text = typed.trim();
    if (text === '' && (allLabel !== undefined || value === '')) return pick('');
    const byCode = properties.filter((p) => fold(p.code) === fold(text));
    if (byCode.length === 1) return pick(byCode[0]!.id);
    close();
  };

  return (
    <span className={`combo${className ? ` ${className}` : ''}`}>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={allLabel}
        value={typed ?? chosenText}
        title={chosen ? describe(chosen) : undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          openAt(0);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => !open && openAt(0)}
        onBlur={settle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) return openAt(0);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive(Math.max(0, Math.min(choices.length - 1, activeIndex + step)));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            const choice = choices[activeIndex];
            if (choice) pick(choice.id);
            else settle();
          } else if (e.key === 'Escape' && open) {
            // Closes the list only: the screen's own Escape (leave, close) is for the next press.
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
        {...inputProps}
      />
      {open && (
        <div className="combo-pop">
          <ul id={listId} role="listbox" aria-label={label ?? 'Logements'}>
            {choices.map((c, i) => (
              <li
                key={c.id || '*'}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={c.id === value ? 'chosen' : undefined}
                // Keeps the focus in the input (no blur before the pick).
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(c.id)}
              >
                {c.text}
              </li>
            ))}
          </ul>
          {(matches.length === 0 || hidden > 0) && (
            <p className="combo-note" role="status">
              {matches.length === 0 ? 'Aucun logement ne correspond.' : `… et ${hidden.toLocaleString('fr-FR')} autres : précisez la recherche.`}
            </p>
          )}
        </div>
      )}
    </span>
  );
}
