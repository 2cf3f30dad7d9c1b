// `npm run fake:swikly -- --port 4010 [--now 2025-07-01T10:00:00+02:00]`: the fake Swikly on its
// own, seeded with « Agence des Sables » (key sk_test_comptoir, two accounts), its links opening
// the fake's demo pages where a button secures the deposit, so the app can be shown end to end.
import { parseArgs } from 'node:util';
import { DEFAULT_KEY, startFakeSwikly } from '../tests/fakes/swikly-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    now: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Port invalide : ${values.port}`);
  process.exit(2);
}

const fake = await startFakeSwikly({ port, demoLinks: true, now: values.now });
console.log(`Fake Swikly prêt : ${fake.baseUrl} (clé : ${DEFAULT_KEY})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
