// The Logement picker's matching (src-renderer/components/PropertyCombobox.tsx): what a clerk types
// finds the rentals whose code, name or town hold every word, whatever the case and accents.
import { describe, expect, it } from 'vitest';
import { matchProperties } from '../../src-renderer/components/PropertyCombobox';

const rentals = [
  { code: 'SAB-001', name: 'Villa Rose', city: "Les Sables-d'Olonne" },
  { code: 'SAB-002', name: 'Étoile de mer', city: 'Château-d’Olonne' },
  { code: 'NOI-010', name: 'Villa des Pins', city: 'Noirmoutier-en-l’Île' },
  { code: 'NOI-011', name: 'Le Grand Large', city: 'Noirmoutier-en-l’Île' },
];
const codes = (typed: string) => matchProperties(rentals, typed).map((p) => p.code);

describe('finding a logement by what is typed', () => {
  it.each([
    ['', ['SAB-001', 'SAB-002', 'NOI-010', 'NOI-011']],
    ['villa', ['SAB-001', 'NOI-010']],
    ['VILLA pins', ['NOI-010']],
    ['etoile', ['SAB-002']],
    ['chateau', ['SAB-002']],
    ['noirmoutier île', ['NOI-010', 'NOI-011']],
    ['noi-01', ['NOI-010', 'NOI-011']],
    ['  sab-001  ', ['SAB-001']],
    ['villa large', []],
    ['"; DROP TABLE --', []],
  ])('« %s » → %j', (typed, expected) => {
    expect(codes(typed)).toEqual(expected);
  });
});
