// Command-line arguments, parsed by node:util parseArgs; its errors become usage errors in the tool's own words.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Options and positional arguments of one command; `--` ends the options (for an argument that starts with -). */
export function parseCommand<O extends OptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error, args));
  }
}

function usageMessage(error: unknown, args: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /^Option '([^']*?)(?: <value>)?'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /^Unknown option '([^']*)'/.exec(message)?.[1] ?? '';
    // parseArgs names one letter of a group of short options (-x of -xyz): the whole argument says more.
    const arg = args.find((a) => a === name || (a.startsWith(name) && !a.startsWith('--'))) ?? name;
    return `unknown option ${arg} (an argument that starts with - goes after --)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `option ${option} needs a value` : `option ${option} takes no value`;
  }
  return message;
}

/** The value of an option that takes one of a few words. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0];
  throw new UsageError(`unknown ${what} "${value}" (${list})`);
}
