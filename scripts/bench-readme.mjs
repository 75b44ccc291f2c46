// The README's performance table, written by `npm run bench` from its results (never by hand): the rows between
// <!-- bench:begin --> and <!-- bench:end --> in README.md, with the date, the machine's core count and Node.
//
// `node scripts/bench.mjs --readme-only` writes the table again from the last results (bench-data/results.json)
// without measuring: after adding a row whose figures that run already has, or after editing a label.
//
// Adding a row: add an object to BENCH_ROWS. `what` is the fixed label; `measured`, `reference` and `ratio` get the
// results object of scripts/bench.mjs and return the cell's text, or undefined when that part of the results is
// missing (the row then says "not measured"). Put what the row needs into the results object in bench.mjs.
import { readFileSync, writeFileSync } from 'node:fs';

export const BEGIN = '<!-- bench:begin -->';
export const END = '<!-- bench:end -->';

/** 1234567 → "1 234 567" (a thin space would be nicer, but plain text must survive every Markdown viewer). */
const n = (x) => (x === undefined || x === null ? undefined : Math.round(x).toLocaleString('en-US').replace(/,/g, ' '));
const ms = (x) => (x === undefined || x === null ? undefined : `${x < 10 ? Number(x).toFixed(1) : n(x)} ms`);
const times = (x) => (x === undefined || x === null ? undefined : `${Number(x).toFixed(1)}×`);

export const BENCH_ROWS = [
  {
    what: 'Core scanner over a generated 50 MB mail log',
    measured: (r) => r.scanner && `${ms(r.scanner.scanMs)} (${n(r.scanner.MBps)} MB/s, ${n(r.scanner.findings)} findings)`,
    reference: (r) => r.scanner?.rgMs !== undefined && `\`rg -c\` with a pattern for the same kinds of code: ${ms(r.scanner.rgMs)}`,
    ratio: (r) => r.scanner?.ratioToRg !== undefined && `${times(r.scanner.ratioToRg)} rg`,
  },
  {
    what: 'Language server, `didOpen` of a generated 40 MB log → its first `publishDiagnostics`, over stdio',
    measured: (r) => r.server?.didOpenToDiagnosticsMs !== undefined && `${ms(r.server.didOpenToDiagnosticsMs)} (median of ${r.server.didOpenRuns.length})`,
    reference: (r) => typeof r.server?.rgMs === 'number' && `\`rg -c\` on that file: ${ms(r.server.rgMs)}`,
    ratio: (r) => r.server?.didOpenRatioToRg !== undefined && `${times(r.server.didOpenRatioToRg)} rg`,
  },
  {
    what: 'Language server, `didOpen` of that log → the diagnostics with every code counted',
    measured: (r) => r.server?.didOpenToCompleteDiagnosticsMs !== undefined && ms(r.server.didOpenToCompleteDiagnosticsMs),
    reference: (r) => typeof r.server?.rgMs === 'number' && `\`rg -c\` on that file: ${ms(r.server.rgMs)}`,
    ratio: (r) => r.server?.completeRatioToRg !== undefined && `${times(r.server.completeRatioToRg)} rg`,
  },
  {
    what: 'Re-diagnosis after a one-line edit in that log',
    measured: (r) => r.server?.editToDiagnosticsMsMedian !== undefined && `${ms(r.server.editToDiagnosticsMsMedian)} (median of 20)`,
    reference: (r) => r.server?.editRatioToOpen !== undefined && 'the first diagnostics; the complete ones',
    ratio: (r) => r.server?.editRatioToOpen !== undefined && `${(r.server.editRatioToOpen * 100).toFixed(1)} %; ${(r.server.editRatioToComplete * 100).toFixed(1)} %`,
  },
  {
    what: 'Hover latency in that log',
    measured: (r) => r.server && `p50 ${ms(r.server.hoverMsP50)}, p99 ${ms(r.server.hoverMsP99)} (${r.server.hovers} hovers)`,
  },
  {
    what: 'Server memory with that log open',
    measured: (r) => r.server?.memoryAfterOpenMB && `heap ${n(r.server.memoryAfterOpenMB.heapUsedMB)} MB, RSS ${n(r.server.memoryAfterOpenMB.rssMB)} MB`,
  },
  {
    what: 'Open/close cycles of a 5 MB log',
    measured: (r) => r.server?.heapAfterCyclesMB !== undefined && `${n(r.server.openCloseCycles)} cycles: heap ${n(r.server.heapBeforeCyclesMB)} MB before, ${n(r.server.heapAfterCyclesMB)} MB after`,
  },
  {
    what: 'Typing in a 12 MB bounce (a base64 part): hovers while each keystroke starts a new analysis',
    measured: (r) => r.typing?.hoverMsP99 !== undefined && `hover p50 ${ms(r.typing.hoverMsP50)}, p99 ${ms(r.typing.hoverMsP99)} (${r.typing.hoversAnswered} hovers, ${r.typing.keystrokes} keystrokes); diagnostics ${ms(r.typing.lastKeystrokeToDiagnosticsMs)} after the last keystroke`,
    reference: (r) => r.typing?.analysisMs !== undefined && `the analysis of the whole message at once: ${ms(r.typing.analysisMs)}`,
    ratio: (r) => r.typing?.hoverP99ToAnalysis !== undefined && `hover p99: ${(r.typing.hoverP99ToAnalysis * 100).toFixed(1)} % of the analysis`,
  },
  {
    what: 'Worst adversarial input',
    measured: (r) => r.adversarial && worst(r) && `${ms(worst(r)[1].ms)} for ${worst(r)[1].MB} MB (\`${worst(r)[0]}\`)`,
    reference: (r) => r.scanner && `ordinary log: ${(r.scanner.scanMs / r.scanner.sizeMB).toFixed(1)} ms/MB`,
    ratio: (r) => r.adversarialWorstRatio !== undefined && `${times(r.adversarialWorstRatio)} per MB`,
  },
  ...[
    ['50MB', 'summary', 'CLI `scan --summary` over a generated 50 MB log, whole process'],
    ['50MB', 'json', 'CLI `scan --format json` over that log'],
    ['200MB', 'summary', 'CLI `scan --summary` over a generated 200 MB log'],
    ['1GB', 'summary', 'CLI `scan --summary` over a generated 1 GB log'],
  ].map(([size, format, what]) => ({
    what,
    measured: (r) => cliVariants(r, size, format).length && cliVariants(r, size, format).map((v) => `${ms(v.ms)} on ${onCores(v.cores)}`).join(', ') + (cliVariants(r, size, format)[0].peakRssMB ? `; peak RSS ${n(Math.max(...cliVariants(r, size, format).map((v) => v.peakRssMB ?? 0)))} MB` : ''),
    reference: (r) => r.cli?.rows?.[size]?.rg && `\`rg -c\` with a pattern for the same codes: ${ms(r.cli.rows[size].rg.ms)}`,
    ratio: (r) => cliVariants(r, size, format).length && cliVariants(r, size, format).map((v) => `${times(v.ratioToRg)} rg on ${onCores(v.cores)}`).join(', '),
  })),
  {
    what: 'CLI `report` on the 1 GB log',
    measured: (r) => r.cli?.rows?.['1GB']?.report?.ms !== undefined && `${ms(r.cli.rows['1GB'].report.ms)} (${n(r.cli.rows['1GB'].report.events)} events), peak RSS ${n(r.cli.rows['1GB'].report.peakRssMB)} MB (${n(r.cli.rows['1GB'].report.smallLogPeakRssMB)} MB on a ${n(r.cli.rows['1GB'].report.smallLogMB)} MB log)`,
    reference: (r) => r.cli?.rows?.['1GB']?.report && '`scan --summary` on the same file, in the same run (the report reads on one thread)',
    ratio: (r) => r.cli?.rows?.['1GB']?.report?.ratioToScanSummary !== undefined && reportRatios(r.cli.rows['1GB']),
  },
  {
    what: 'CLI `bounces` over a folder of generated bounces (one per format, several recipients each)',
    measured: (r) => r.bounces?.bounces?.wallSeconds !== undefined && `${n(r.bounces.files)} files in ${r.bounces.bounces.wallSeconds} s (${n(r.bounces.bounces.filesPerSecond)} files/s, ${n(r.bounces.bounces.recipients)} recipients), peak RSS ${n(r.bounces.bounces.peakRssMB)} MB (${n(r.bounces.bounces.peakRssMBForATenth)} MB for a tenth of the files)`,
    reference: (r) => r.bounces?.rg?.wallSeconds !== undefined && `\`rg -c\` over the same files: ${r.bounces.rg.wallSeconds} s`,
    ratio: (r) => r.bounces?.ratioToRg && `${times(r.bounces.ratioToRg)} rg`,
  },
  {
    what: 'Loading the compiled catalog',
    measured: (r) => r.catalog && `${ms(r.catalog.loadMs)} (${n(r.catalog.entries)} entries, ${n(r.catalog.bytes / 1024)} KB)`,
  },
  {
    what: 'The .vsix',
    measured: (r) => r.vsix && `${n(r.vsix.bytes / 1024)} KB`,
    reference: (r) => r.vsix && 'budget 1 MB',
  },
];

/** The runs of the tool on a log of that size in that format (one per core count: 1 core, 2, all of them). */
function cliVariants(r, size, format) {
  return Object.entries(r.cli?.rows?.[size] ?? {}).filter(([name, v]) => name.startsWith(`${format}@`) && v?.ratioToRg !== undefined).map(([, v]) => v);
}
/** The report against scan --summary on as many cores as it was given, and on one core (the report reads on one thread). */
function reportRatios(row) {
  const own = `${row.report.ratioToScanSummary}× scan --summary on ${onCores(row.report.cores)}`;
  const single = row['summary@1']?.ms;
  return row.report.cores > 1 && single ? `${own}, ${(row.report.ms / single).toFixed(2)}× on 1 core` : own;
}
/** The tool runs on that many cores (taskset); it starts threads itself, from 64 MB of input. */
const onCores = (cores) => (cores === 1 ? '1 core' : `${cores} cores`);

function worst(r) {
  return Object.entries(r.adversarial).sort((a, b) => b[1].ratioPerMBToLog - a[1].ratioPerMBToLog)[0];
}

/** The Markdown of the table and the line above it. */
export function benchTable(results, meta) {
  const cell = (f) => {
    const v = f?.(results);
    return v === undefined || v === false || v === null ? '' : String(v).replace(/\|/g, '\\|');
  };
  const lines = [
    `Measured by \`npm run bench\` on ${meta.date}, on ${meta.cores} cores (${meta.cpu}${meta.loadAverage === undefined ? '' : `, load average ${meta.loadAverage} at the start`}), Node ${meta.node}; ratios against references run on the same machine in the same run:`,
    '',
    '| What | Measured | Reference in the same run | Ratio |',
    '|---|---|---|---|',
    ...BENCH_ROWS.map((row) => {
      const measured = cell(row.measured);
      return `| ${row.what} | ${measured || 'not measured'} | ${cell(row.reference)} | ${cell(row.ratio)} |`;
    }),
  ];
  return lines.join('\n');
}

/** Replaces what is between the markers of `readme` (a path) with the table; the rest of the file is kept as is. */
export function writeBenchTable(readme, results, meta) {
  const text = readFileSync(readme, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${readme} has no ${BEGIN} … ${END} section for the benchmark table`);
  const updated = `${text.slice(0, begin + BEGIN.length)}\n${benchTable(results, meta)}\n${text.slice(end)}`;
  writeFileSync(readme, updated);
  return updated;
}

