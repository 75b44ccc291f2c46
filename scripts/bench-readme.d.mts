// Types of bench-readme.mjs, for the TypeScript tests that import it.
export const BEGIN: string;
export const END: string;
export interface BenchRow {
  what: string;
  measured?: (results: any) => unknown;
  reference?: (results: any) => unknown;
  ratio?: (results: any) => unknown;
}
export const BENCH_ROWS: BenchRow[];
export interface BenchMeta { date: string; cores: number; cpu: string; node: string; loadAverage?: number }
export function benchTable(results: unknown, meta: BenchMeta): string;
export function writeBenchTable(readme: string, results: unknown, meta: BenchMeta): string;
