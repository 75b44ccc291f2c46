// `mail-error-codes explain CODE|REPLY…`: each argument explained for the terminal.
import { parseCommand, UsageError } from './args';
import type { Command } from './command';
import { explainArgument } from './explain';
import { Output } from './output';
import { builtInCatalog } from './program';
import { clean, styleFor, wantsColour } from './terminal';

export const explainCommand: Command = {
  usage: 'explain CODE|REPLY…',
  help: `explain CODE|REPLY…
  Explain each argument: 550, 5.1.1, 0x800CCC0E, SMTP_550_MAILBOX_NOT_FOUND, or a whole reply in quotes
  ("550-5.7.26 Unauthenticated email …").
  Exit status 1 when a code is unknown.`,

  async run(args) {
    const { positionals: codes } = parseCommand(args, {});
    if (!codes.length) throw new UsageError('explain needs at least one CODE or REPLY');
    const catalog = builtInCatalog();
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
  },
};
