// What a command of the tool offers to the dispatcher in main.ts.

export interface Command {
  /** The usage line(s), without the program name: `scan [--format …] FILE…|-`. */
  usage: string;
  /** Its part of --help (and of `mail-error-codes COMMAND --help`): what it does, its options, its exit status. */
  help: string;
  /** Runs with the arguments after the command's name; resolves with the exit status. */
  run(args: string[]): Promise<number>;
}
