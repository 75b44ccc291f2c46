// `mail-error-codes report FILE…|-`: what happened to the mail in a set of logs, at a glance. Inputs are streamed
// through the core's ReportBuilder (counts, not lines: memory stays flat on a log of any size), rotated files read
// oldest first, gzip-compressed ones decompressed on the way. Output: text, JSON (the report model) or one
// self-contained HTML file with the charts of the editor's report view.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Catalog } from '../core/catalog/catalog';
import { ReportBuilder } from '../core/report/builder';
import { BinaryInputError, isGzip, TextInput } from '../core/report/decode';
import { compareLogAge } from '../core/report/order';
import { oneOf, parseCommand, UsageError } from './args';
import type { Command } from './command';
import { Output } from './output';
import { builtInCatalog, NAME, VERSION } from './program';
import { reportHtml } from './reportHtml';
import { writeReportText } from './reportText';
import { InputError, reasonOf } from './source';
import { clean, styleFor, wantsColour } from './terminal';

export const reportCommand: Command = {
  usage: 'report [--format text|json|html] [--by hour|day] [--top N] FILE…|-',
  help: `report FILE…|-
  What happened to the mail in mail logs (Postfix, Exim, Sendmail), Microsoft 365 message trace exports (CSV) and
  bounces (.eml): delivered, deferred, bounced, expired and rejected recipients over time, by recipient domain,
  provider and sender, the top reasons with their codes explained, and the recipients still deferred at the end.
  Rotated logs (mail.log.1, mail.log.2.gz) are read oldest first.
  -f, --format FORMAT   text (default), json (the report as one JSON object), html (one self-contained page
                          with charts; it opens offline)
      --by hour|day     The time line's buckets (default: hours for up to four days of log, days beyond)
      --top N           Rows per table before "other" (default 10)
  Exit status 2 when an input could not be read.`,
  run: (args) => report(args, builtInCatalog(), VERSION),
};

const READ_BYTES = 1024 * 1024;

async function report(args: string[], catalog: Catalog, version: string): Promise<number> {
  const options = parseOptions(args);
  const builder = new ReportBuilder(catalog, { by: options.by, top: options.top });
  let unreadable = false;
  const files = [...new Set(options.files)];
  const ordered = [...files.filter((f) => f !== '-').sort(compareLogAge), ...files.filter((f) => f === '-')];
  for (const file of ordered) {
    const name = file === '-' ? '<stdin>' : file;
    const reader = builder.source(name);
    try {
      const input = new TextInput();
      for await (const chunk of file === '-' ? bytesOf(process.stdin) : fileBytes(file)) reader.push(input.decode(chunk));
      reader.push(input.end());
      reader.end();
    } catch (error) {
      reader.end();
      unreadable = true;
      process.stderr.write(`${NAME}: ${clean(name)}: ${error instanceof BinaryInputError ? error.message : reasonOf(error)}\n`);
    }
  }
  const report = builder.report();
  const out = new Output();
  if (options.format === 'json') out.line(JSON.stringify(report, null, 2));
  else if (options.format === 'html') out.line(reportHtml(report, version));
  else writeReportText(out, report, styleFor(wantsColour(process.stdout)));
  await out.flush();
  return unreadable ? 2 : 0;
}

function parseOptions(args: string[]) {
  const { values, positionals } = parseCommand(args, { format: { type: 'string', short: 'f' }, by: { type: 'string' }, top: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json', 'html'] as const, 'format', 'text');
  const by = values.by === undefined ? undefined : oneOf(values.by, ['hour', 'day'] as const, '--by', 'hour');
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new UsageError('--top needs a whole number from 1 to 1000');
  if (!positionals.length) throw new UsageError('report needs at least one FILE (or - for standard input)');
  return { format, by, top, files: positionals };
}

/** A file's bytes, decompressed when it is gzip data (rotated logs). */
async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  let gzip = false;
  try {
    if ((await handle.stat()).isDirectory()) throw new InputError('is a directory');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && isGzip(head);
    if (!gzip) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      for (;;) {
        const { bytesRead: n } = await handle.read(buffer, 0, buffer.length, null);
        if (n === 0) return;
        yield buffer.subarray(0, n);
      }
    }
  } finally {
    await handle.close();
  }
  yield* bytesOf(createReadStream(path).pipe(createGunzip()));
}

async function* bytesOf(stream: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
}
