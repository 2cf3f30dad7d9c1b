// Runs the fake remote in its own process (benchmarks: the fake must not share the engine's core).
// Prints one line, "fake remote at URL", then serves until killed.
import { startFakeRemote } from './remote-server';

const latency = Number(process.argv[2] ?? 0);
void startFakeRemote({ latencyMs: latency }).then((fake) => console.log(`fake remote at ${fake.url}`));
