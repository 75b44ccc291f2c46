// `mail-error-codes scan FILE…|-`: the codes found in files or standard input, in one of the formats of format.ts.
import { availableParallelism, loadavg } from 'node:os';
import type { Catalog } from '../core/catalog/catalog';
import { oneOf, parseCommand, UsageError } from './args';
import type { Command } from './command';
import { jsonFormatter, LEVEL_RANK, levelOf, recipientLevel, sarifFormatter, summaryFormatter, textFormatter, type Formatter } from './format';
import { Output } from './output';
import { planJobs, runParallel, threadsFor } from './parallel';
import { builtInCatalog, NAME, VERSION } from './program';
import { scanInput } from './scan';
import { fileInput, reasonOf, stdinInput } from './source';
import { cleanLine, styleFor, wantsColour } from './terminal';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'information', 'none'] as const;

export const scanCommand: Command = {
  usage: 'scan [--format text|json|sarif] [--summary] [--all] [--fail-on LEVEL] FILE…|-',
  help: `scan FILE…|-
  Find the codes in files (- reads standard input), with the rules of the editor extension. .eml files (and
  input that starts like a message) are read whole (up to 64 MB) so that the delivery status of each recipient
  is reported too; other input is streamed.
  -f, --format FORMAT   text (default): FILE:LINE:COL: severity code title
                        json: JSON Lines, one {"type":"finding"} object per finding: file, line (1-based),
                          character and endCharacter (0-based UTF-16 offsets in the line), code, family, class,
                          severity, title, id (the catalog entry, as in catalog export; absent for unknown
                          codes); and one {"type":"recipient"} object per recipient of a message: file, line,
                          character, recipient, action, status, reply, reason, bounce, remoteMta, diagnostic …
                        sarif: one SARIF 2.1.0 log
  -s, --summary         Counts per code instead of each finding (text or json)
  -a, --all             Also report success (2xx) and intermediate (3xx) codes, as information
      --fail-on LEVEL   error (default), warning, information or none: exit 1 when a finding of that severity
                        or worse was found
  Severity: permanent failure → error, transient → warning, unknown class → information.
  Exit status 1 when a finding at or above --fail-on was found.
  Big inputs are scanned on as many threads as there are free cores (the output is the same);
  MAIL_ERROR_CODES_THREADS=N sets the number of threads (1: one thread).`,

  async run(args) {
    const { values, positionals: files } = parseCommand(args, {
      format: { type: 'string', short: 'f' },
      summary: { type: 'boolean', short: 's' },
      all: { type: 'boolean', short: 'a' },
      'fail-on': { type: 'string' },
    });
    const format = oneOf(values.format, FORMATS, 'format', 'text');
    const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on level', 'error');
    const summary = values.summary === true;
    const all = values.all === true;
    if (!files.length) throw new UsageError('scan needs at least one FILE (or - for standard input)');
    if (summary && format === 'sarif') throw new UsageError('--summary cannot be combined with --format sarif');

    // Built when first needed (a SARIF log needs it before any scan).
    let built: Catalog | undefined;
    const catalog = () => (built ??= builtInCatalog());
    const out = new Output();
    const colour = wantsColour(process.stdout);
    const style = styleFor(colour);
    const formatter: Formatter = summary
      ? summaryFormatter(out, style, format === 'json' ? 'json' : 'text', all)
      : format === 'json'
        ? jsonFormatter(out)
        : format === 'sarif'
          ? sarifFormatter(out, catalog(), VERSION)
          : textFormatter(out, style);
    let worst = 0;
    let unreadable = false;
    let stdinUsed = false;
    // Big inputs, when more than one core is free: worker threads scan them, the output is the same.
    const threads = format === 'sarif' ? 0 : threadsFor(files, availableParallelism(), loadavg()[0]);
    const jobs = threads ? await planJobs(files, threads) : undefined;
    if (jobs) {
      ({ worst, unreadable } = await runParallel(jobs, threads, {
        format: { format: summary ? 'summary' : format === 'json' ? 'json' : 'text', colour, all },
        catalog,
        counts: formatter.counts,
        out,
        note: (file, message) => process.stderr.write(`${NAME}: ${cleanLine(file)}: ${cleanLine(message)}\n`),
        fail: (file, reason) => process.stderr.write(`${NAME}: ${cleanLine(file)}: ${reason}\n`),
      }));
    }
    for (const file of jobs ? [] : files) {
      if (file === '-' && stdinUsed) continue;
      const live = file === '-';
      const input = live ? stdinInput() : fileInput(file);
      if (live) stdinUsed = true;
      try {
        await scanInput(input, catalog(), {
          hits: async (hits) => {
            for (const hit of hits) {
              const level = levelOf(hit.finding.class, all);
              if (!level) continue;
              worst = Math.max(worst, LEVEL_RANK[level]);
              formatter.hit(input.name, hit, level);
            }
            await out.drain(live);
          },
          recipients: async (found) => {
            for (const r of found) {
              const level = recipientLevel(r.outcome, all);
              if (!level) continue;
              worst = Math.max(worst, LEVEL_RANK[level]);
              formatter.recipient(input.name, r, level);
            }
            await out.drain(live);
          },
          findings: formatter.finding
            ? (findings) => {
                for (const f of findings) {
                  const level = levelOf(f.class, all);
                  if (!level) continue;
                  worst = Math.max(worst, LEVEL_RANK[level]);
                  formatter.finding!(input.name, f, level);
                }
              }
            : undefined,
          note: (message) => process.stderr.write(`${NAME}: ${cleanLine(input.name)}: ${cleanLine(message)}\n`),
          // Standard input may be a live stream (tail -F): each piece is scanned and written as it comes, not once a
          // region has gathered. A line's findings come out when the next line arrives (the rules read one ahead; a
          // reply wrapped over indented lines, once the line after them arrives).
        }, live ? { chunkChars: 1 } : {});
      } catch (error) {
        unreadable = true;
        await out.flush();
        process.stderr.write(`${NAME}: ${cleanLine(input.name)}: ${reasonOf(error)}\n`);
      }
    }
    formatter.end();
    await out.flush();
    if (unreadable) return 2;
    return worst >= LEVEL_RANK[failOn] ? 1 : 0;
  },
};
