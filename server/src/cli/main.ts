// mail-error-codes: the command-line tool over the extension's core. Parses arguments, runs a command, sets the
// exit status. Exit status: 0 fine · 1 an unknown code (explain) or findings at or above --fail-on (scan) ·
// 2 a usage error, or an input that could not be read (it wins over 1: the result is incomplete).
import catalogData from 'catalog:compiled';
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { version as packageVersion } from '../../../package.json';
import { Catalog } from '../core/catalog/catalog';
import type { CompiledCatalog } from '../core/types';
import { explainArgument } from './explain';
import { jsonFormatter, LEVEL_RANK, levelOf, sarifFormatter, summaryFormatter, textFormatter, type Formatter, type Level } from './format';
import { Output } from './output';
import { planJobs, runParallel, runWorker, threadsFor, type WorkerFormat } from './parallel';
import { REPORT_HELP, REPORT_USAGE, reportCommand } from './report';
import { scanInput } from './scan';
import { fileInput, reasonOf, stdinInput } from './source';
import { clean, cleanLine, styleFor, wantsColour } from './terminal';

const NAME = 'mail-error-codes';

export const USAGE = `Usage: ${NAME} explain CODE|REPLY…
       ${NAME} scan [--format text|json|sarif] [--summary] [--all] [--fail-on LEVEL] FILE…|-
       ${REPORT_USAGE}
       ${NAME} --help | --version`;

export const HELP = `${NAME} — explains SMTP reply codes, enhanced status codes (RFC 3463), Outlook hex errors and
provider bounce messages, and finds them in mail logs and bounces (.eml).

${USAGE}

Commands:
  explain CODE|REPLY…   Explain each argument: 550, 5.1.1, 0x800CCC0E, SMTP_550_MAILBOX_NOT_FOUND, or a whole
                        reply in quotes ("550-5.7.26 Unauthenticated email …").
  scan FILE…|-          Find the codes in files (- reads standard input), with the rules of the editor extension.
                        .eml files (and input that starts like a message) are read whole (up to 64 MB) so that the
                        delivery status of each recipient is reported too; other input is streamed.

Options of scan:
  -f, --format FORMAT   text (default): FILE:LINE:COL: severity code title
                        json: JSON Lines, one object per finding: file, line (1-based), character and
                          endCharacter (0-based UTF-16 offsets in the line), code, family, severity, title
                        sarif: one SARIF 2.1.0 log
  -s, --summary         Counts per code instead of each finding (text or json)
  -a, --all             Also report success (2xx) and intermediate (3xx) codes, as information
      --fail-on LEVEL   error (default), warning, information or none: exit 1 when a finding of that severity
                        or worse was found
Severity: permanent failure → error, transient → warning, unknown class → information.

${REPORT_HELP}

Colour is used when standard output is a terminal and NO_COLOR is not set (FORCE_COLOR=1 forces it).
Big inputs are scanned on as many threads as there are free cores (the output is the same);
MAIL_ERROR_CODES_THREADS=N sets the number of threads (1: one thread).

Exit status:
  0  explain: every code was found · scan: nothing at or above --fail-on
  1  explain: a code is unknown · scan: a finding at or above --fail-on
  2  usage error, or an input could not be read (missing, a directory, binary, no permission); this wins over 1
     (report: 0, or 2 for a usage error or an input that could not be read)`;

class UsageError extends Error {}

interface ScanOptions {
  format: 'text' | 'json' | 'sarif';
  summary: boolean;
  all: boolean;
  failOn: Level | 'none';
  files: string[];
}

function parseScan(args: string[]): ScanOptions {
  const options: ScanOptions = { format: 'text', summary: false, all: false, failOn: 'error', files: [] };
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (rest || arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    if (arg === '--') {
      rest = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      if (i + 1 >= args.length) throw new UsageError(`option ${name} needs a value`);
      return args[++i];
    };
    switch (name) {
      case '-f':
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`unknown format "${v}" (text, json or sarif)`);
        options.format = v;
        break;
      }
      case '-s':
      case '--summary':
        options.summary = true;
        break;
      case '-a':
      case '--all':
        options.all = true;
        break;
      case '--fail-on': {
        const v = value();
        if (v !== 'error' && v !== 'warning' && v !== 'information' && v !== 'none') throw new UsageError(`unknown --fail-on level "${v}" (error, warning, information or none)`);
        options.failOn = v;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (!options.files.length) throw new UsageError('scan needs at least one FILE (or - for standard input)');
  if (options.summary && options.format === 'sarif') throw new UsageError('--summary cannot be combined with --format sarif');
  return options;
}

function makeCatalog(): Catalog {
  const compiled = catalogData as CompiledCatalog;
  return new Catalog({ ...compiled, entries: compiled.entries.map((e) => ({ ...e, origin: 'built-in' })) });
}

function versionText(catalog: Catalog): string {
  return `${NAME} ${packageVersion} (catalog ${catalog.version}, ${catalog.entries.length} entries)`;
}

async function explainCommand(args: string[]): Promise<number> {
  const codes: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') && arg.length > 1 && !/^-\s*[0-9]/.test(arg)) throw new UsageError(`unknown option ${arg}`);
    codes.push(arg);
  }
  if (!codes.length) throw new UsageError('explain needs at least one CODE or REPLY');
  const catalog = makeCatalog();
  const out = new Output();
  const style = styleFor(wantsColour(process.stdout));
  const width = Math.min(100, process.stdout.columns || 100);
  let status = 0;
  codes.forEach((code, i) => {
    const { found, text } = explainArgument(code, catalog, style, width);
    if (!found) status = 1;
    if (i) out.line('');
    if (codes.length > 1) out.line(style.dim(`» ${clean(code.replace(/\s+/g, ' ').trim())}`));
    out.line(text);
  });
  await out.flush();
  return status;
}

async function scanCommand(args: string[]): Promise<number> {
  const options = parseScan(args);
  // Built when first needed: when worker threads scan, this thread never needs it.
  let built: Catalog | undefined;
  const catalog = () => (built ??= makeCatalog());
  const out = new Output();
  const colour = wantsColour(process.stdout);
  const style = styleFor(colour);
  const formatter: Formatter = options.summary
    ? summaryFormatter(out, style, options.format === 'json' ? 'json' : 'text', options.all)
    : options.format === 'json'
      ? jsonFormatter(out)
      : options.format === 'sarif'
        ? sarifFormatter(out, catalog(), packageVersion)
        : textFormatter(out, style);
  let worst = 0;
  let unreadable = false;
  let stdinUsed = false;
  // Big inputs, when more than one core is free: worker threads scan them, the output is the same.
  const threads = options.format === 'sarif' && !options.summary ? 0 : threadsFor(options.files, availableParallelism(), loadavg()[0]);
  const jobs = threads ? await planJobs(options.files, threads) : undefined;
  if (jobs) {
    const format = options.summary ? 'summary' : options.format === 'json' ? 'json' : 'text';
    ({ worst, unreadable } = await runParallel(jobs, threads, {
      format: { format, colour, all: options.all },
      counts: formatter.counts,
      out,
      note: (file, message) => process.stderr.write(`${NAME}: ${cleanLine(file)}: ${cleanLine(message)}\n`),
      fail: (file, reason) => process.stderr.write(`${NAME}: ${cleanLine(file)}: ${reason}\n`),
    }));
  }
  for (const file of jobs ? [] : options.files) {
    if (file === '-' && stdinUsed) continue;
    const input = file === '-' ? stdinInput() : fileInput(file);
    if (file === '-') stdinUsed = true;
    try {
      await scanInput(input, catalog(), {
        hits: async (hits) => {
          for (const hit of hits) {
            const level = levelOf(hit.finding.class, options.all);
            if (!level) continue;
            worst = Math.max(worst, LEVEL_RANK[level]);
            formatter.hit(input.name, hit, level);
          }
          await out.drain();
        },
        findings: formatter.finding
          ? (findings) => {
              for (const f of findings) {
                const level = levelOf(f.class, options.all);
                if (!level) continue;
                worst = Math.max(worst, LEVEL_RANK[level]);
                formatter.finding!(input.name, f, level);
              }
            }
          : undefined,
        note: (message) => process.stderr.write(`${NAME}: ${cleanLine(input.name)}: ${cleanLine(message)}\n`),
      });
    } catch (error) {
      unreadable = true;
      await out.flush();
      process.stderr.write(`${NAME}: ${cleanLine(input.name)}: ${reasonOf(error)}\n`);
    }
  }
  formatter.end();
  await out.flush();
  if (unreadable) return 2;
  return worst >= LEVEL_RANK[options.failOn] ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('a command is needed');
    if (command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      process.stdout.write(versionText(makeCatalog()) + '\n');
      return 0;
    }
    if (command === 'explain') return await explainCommand(rest);
    if (command === 'scan') return await scanCommand(rest);
    if (command === 'report') return await reportCommand(rest, makeCatalog(), packageVersion);
    throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command "${command}"`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${NAME}: ${cleanLine(error.message)}\n${USAGE}\n`);
    return 2;
  }
}

// The same script is the worker threads' (./parallel.ts).
const worker = workerData?.mailErrorCodesWorker as WorkerFormat | undefined;
if (!isMainThread && worker) runWorker(worker, makeCatalog);
else main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`${NAME}: internal error: ${clean(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exitCode = 3;
  },
);
