// `mail-error-codes explain CODE|REPLY…`: each argument explained, for the terminal or as JSON Lines.
import { oneOf, parseCommand, UsageError } from './args';
import type { Command } from './command';
import { explainArgument, explainJson } from './explain';
import { Output } from './output';
import { builtInCatalog } from './program';
import { clean, styleFor, toJson, wantsColour } from './terminal';

export const explainCommand: Command = {
  usage: 'explain [--format text|json] CODE|REPLY…',
  help: `explain CODE|REPLY…
  Explain each argument: 550, 5.1.1, 0x800CCC0E, SMTP_550_MAILBOX_NOT_FOUND, or a whole reply in quotes
  ("550-5.7.26 Unauthenticated email …").
  -f, --format FORMAT   text (default), or json: JSON Lines, one object per argument: input, found, entries
                        (id, family, code, title, class, meaning, causes, actions, sources), inferred (codes not
                        in the catalog: what their digits say), inconsistency, suggestions
  Exit status 1 when a code is unknown.`,

  async run(args) {
    const { values, positionals: codes } = parseCommand(args, { format: { type: 'string', short: 'f' } });
    const format = oneOf(values.format, ['text', 'json'] as const, 'format', 'text');
    if (!codes.length) throw new UsageError('explain needs at least one CODE or REPLY');
    const catalog = builtInCatalog();
    const out = new Output();
    let status = 0;
    if (format === 'json') {
      for (const code of codes) {
        const row = explainJson(code, catalog);
        if (!row.found) status = 1;
        out.line(toJson(row));
      }
      await out.flush();
      return status;
    }
    const style = styleFor(wantsColour(process.stdout));
    const width = Math.min(100, process.stdout.columns || 100);
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
