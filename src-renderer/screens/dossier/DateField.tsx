import type { InputHTMLAttributes } from 'react';
import { tidyDateText } from './dates';

/** A text field for a French date (JJ/MM/AAAA); see dates.ts for why it is not type="date". */
export function DateField({
  value,
  onChange,
  ...rest
}: { value: string; onChange(text: string): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="JJ/MM/AAAA"
      maxLength={10}
      className="dossier-date"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const tidy = tidyDateText(value);
        if (tidy !== value) onChange(tidy);
      }}
    />
  );
}
