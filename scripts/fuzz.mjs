// npm run fuzz: the property-based suites at length (minutes), with a fresh seed each run, printed first so that a
// failure can be replayed: FUZZ_SEED=<seed> npm run fuzz. FUZZ_RUNS (default 10 000 per property) sets the length.
// A failure is shrunk by fast-check to a small counterexample: add it as a fixture or a unit test.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '10000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const pattern = '^fuzz|BlockDocument agrees|decoded parts';
console.log(`fuzz: seed ${seed}, ${runs} cases per property (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
const started = Date.now();
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', `--test-name-pattern=${pattern}`], {
  stdio: 'inherit',
  // No per-test time limit: a long run is the point.
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, MEC_TEST_TIMEOUT_MS: String(24 * 3600 * 1000) },
});
console.log(`fuzz: seed ${seed}, ${runs} cases per property, ${Math.round((Date.now() - started) / 1000)} s: ${result.status === 0 ? 'no failure' : `FAILED (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`}`);
process.exit(result.status ?? 1);
