import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src-main/host/serve';

describe('npm run serve flags', () => {
  it('reads every documented flag', () => {
    const o = parseServeArgs(['--data-dir', 'demo-data', '--port', '8123', '--demo', '--bookings', '100000', '--now', '2020-01-31T09:00:00+01:00']);
    expect(o).toMatchObject({ port: 8123, demo: true, bookings: 100_000 });
    expect(o.dataDir).toMatch(/demo-data$/);
    expect(o.now?.toISOString()).toBe('2020-01-31T08:00:00.000Z');
  });

  it('defaults to a free port, no demo, the real clock', () => {
    expect(parseServeArgs(['--data-dir', 'd'])).toMatchObject({ port: 0, demo: false, bookings: null, now: null });
  });

  it.each([
    [[], /--data-dir/],
    [['--data-dir', 'd', '--port', '70000'], /Port invalide/],
    [['--data-dir', 'd', '--port', 'abc'], /Port invalide/],
    [['--data-dir', 'd', '--bookings=-5'], /Nombre de dossiers invalide/],
    [['--data-dir', 'd', '--bookings', '-5'], /Options incorrectes.*Utilisation : npm run serve/],
    [['--data-dir', 'd', '--colour'], /Options incorrectes/],
    [['--data-dir', 'd', '--now', 'demain'], /Date invalide/],
    [['--data-dir', 'd', '--now', '2020-02-30T09:00:00Z'], /Date invalide/],
  ])('refuses %j with a French message', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(message);
  });
});
