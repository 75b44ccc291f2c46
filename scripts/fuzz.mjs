// npm run fuzz: the property-based suite at length (minutes), with a fixed seed; prints how many cases it tried.
// FUZZ_RUNS (default 1 000 000 per property) and FUZZ_SEED override. A crash it finds is shrunk by fast-check: add it as a fixture.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '1000000';
const seed = process.env.FUZZ_SEED ?? '20261123';
const started = Date.now();
const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', '--test-name-pattern=^fuzz|BlockDocument agrees'], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed } });
console.log(`fuzz: 4 properties × ${runs} cases (seed ${seed}) = ${4 * Number(runs)} cases in ${Math.round((Date.now() - started) / 1000)} s, ${result.status === 0 ? 'no failure' : 'FAILED'}`);
process.exit(result.status ?? 1);
