// mail-error-codes: the command-line tool over the extension's core. A thin dispatcher: each command lives in its
// own module (explainCommand.ts, scanCommand.ts, …) and is listed in COMMANDS.
// Exit status: 0 fine · 1 what the command reports (an unknown code, findings at or above --fail-on) ·
// 2 a usage error, or an input that could not be read (it wins over 1: the result is incomplete).
import { isMainThread, workerData } from 'node:worker_threads';
import { UsageError } from './args';
import { bouncesCommand } from './bounces';
import { catalogCommand } from './catalogCommand';
import type { Command } from './command';
import { explainCommand } from './explainCommand';
import { runWorker, type WorkerFormat } from './parallel';
import { builtInCatalog, NAME, VERSION } from './program';
import { reportCommand } from './report';
import { scanCommand } from './scanCommand';
import { clean, cleanLine } from './terminal';

const COMMANDS: Record<string, Command> = {
  explain: explainCommand,
  scan: scanCommand,
  bounces: bouncesCommand,
  report: reportCommand,
  catalog: catalogCommand,
};

/** "Usage: mail-error-codes LINE" and the further lines under it. */
const usageOf = (lines: string[]) => lines.map((line, i) => `${i ? '      ' : 'Usage:'} ${NAME} ${line}`).join('\n');

export const USAGE = usageOf([...Object.values(COMMANDS).flatMap((c) => c.usage.split('\n')), '--help | --version | COMMAND --help']);

export const HELP = `${NAME} — explains SMTP reply codes, enhanced status codes (RFC 3463), Outlook hex errors and
provider bounce messages, and finds them in mail logs and bounces (.eml).

${USAGE}

Commands:
${Object.values(COMMANDS).map((c) => indent(c.help)).join('\n\n')}

Colour is used when standard output is a terminal and NO_COLOR is not set (FORCE_COLOR=1 forces it).

Exit status:
  0  success
  1  what the command reports (see each command)
  2  usage error, or an input could not be read (missing, a directory, binary, no permission); this wins over 1`;

function indent(text: string): string {
  return text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
}

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new UsageError('a command is needed');
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command && wantsHelp(rest.slice(0, rest.includes('--') ? rest.indexOf('--') : undefined))) {
      process.stdout.write(`${usageOf(command.usage.split('\n'))}\n\n${command.help}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
      process.stdout.write((about ? `${usageOf(about.usage.split('\n'))}\n\n${about.help}` : HELP) + '\n');
      return 0;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
      const catalog = builtInCatalog();
      process.stdout.write(`${NAME} ${VERSION} (catalog ${catalog.version}, ${catalog.entries.length} entries)\n`);
      return 0;
    }
    if (!command) throw new UsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
    return await command.run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // A mistake in a command's arguments shows that command's usage; any other, the whole list.
    const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    process.stderr.write(`${NAME}: ${cleanLine(error.message)}\n${command ? usageOf(command.usage.split('\n')) : USAGE}\n`);
    return 2;
  }
}

// The same script is the worker threads' (./parallel.ts).
const worker = workerData?.mailErrorCodesWorker as WorkerFormat | undefined;
if (!isMainThread && worker) runWorker(worker, builtInCatalog);
else main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`${NAME}: internal error: ${clean(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exitCode = 3;
  },
);
