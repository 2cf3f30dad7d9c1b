import { describe, expect, it } from 'vitest';
import { pollEvery } from '../../src-main/services/swikly-sync';

const now = new Date('2026-07-11T07:00:00Z');
const today = '2026-07-11';
const min = 60_000;

describe('how often a deposit request is read', () => {
  it.each([
    ['staff copied its link 5 minutes ago', { depositStatus: 'Pending', attentionAt: '2026-07-11T06:55:00Z' }, '2026-09-01', 20_000],
    ['staff looked at it an hour ago, arrival far off', { depositStatus: 'Pending', attentionAt: '2026-07-11T06:00:00Z' }, '2026-09-01', 180 * min],
    ['arrival tomorrow', { depositStatus: 'Pending', attentionAt: null }, '2026-07-12', 5 * min],
    ['arrival in 6 days', { depositStatus: 'Pending', attentionAt: null }, '2026-07-17', 15 * min],
    ['arrival in 12 days', { depositStatus: 'Pending', attentionAt: null }, '2026-07-23', 30 * min],
    ['arrival in two months', { depositStatus: 'Pending', attentionAt: null }, '2026-09-11', 180 * min],
    ['secured, whatever the arrival', { depositStatus: 'Accepted', attentionAt: '2026-07-11T06:59:00Z' }, '2026-07-12', 720 * min],
  ])('%s', (_what, row, arrival, every) => {
    expect(pollEvery(row, arrival, today, now)).toBe(every);
  });
});
