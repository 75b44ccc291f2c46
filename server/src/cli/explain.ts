// `explain`: a code or a whole reply as terminal text, from the catalog's explain() (the same as the hover).
import { resultClass, type Catalog, type Explanation, type LookupResult } from '../core/catalog/catalog';
import { classWords } from '../core/present/markdown';
import type { CatalogEntry } from '../core/types';
import { clean, type Style } from './terminal';

export interface Explained {
  found: boolean;
  text: string;
}

const FAMILY_WORDS: Record<string, string> = {
  reply: 'SMTP reply code',
  enhanced: 'Enhanced status code (RFC 3463)',
  outlook: 'Outlook / Windows Mail error code',
};

/** True when the catalog knows at least one code of the text (or a provider message matched). */
export function isFound(e: Explanation): boolean {
  return e.providers.length > 0 || [e.reply, e.enhanced, e.outlook].some((r) => r?.known);
}

export function explainArgument(arg: string, catalog: Catalog, style: Style, width: number): Explained {
  const explanation = catalog.explain(arg);
  const w = new Writer(style, width);
  const provider = explanation.providers[0];
  if (explanation.answeredBy) w.line(`Answered by ${style.bold(clean(explanation.answeredBy.provider.name))} (${clean(explanation.answeredBy.host)})`);
  if (provider) w.entry(provider, `${provider.providerName ?? provider.provider} ${provider.code}`, provider.severity);
  for (const result of [explanation.reply, explanation.enhanced, explanation.outlook]) {
    if (!result?.code && !result?.entries.length) continue;
    const own = result.entries.find((e) => e.family !== 'provider') ?? (result.known ? result.entries[0] : undefined);
    if (own) {
      // The same provider entry twice (once as the match, once keyed by the code) says nothing new.
      if (own !== provider) w.entry(own, own.family === 'provider' ? `${own.providerName ?? own.provider} ${own.code}` : (result.code ?? own.code), resultClass(result, own));
    } else w.inferred(result);
  }
  if (explanation.inconsistency) w.warning(explanation.inconsistency);
  if (w.empty) {
    w.line(`${style.bold(clean(oneLine(arg)))}: ${style.yellow('no mail code recognised')}`);
    const hits = catalog.search(arg, 5);
    if (hits.length) {
      w.line('  Did you mean:');
      for (const h of hits) w.line(`    ${style.cyan(clean(h.entry.family === 'provider' ? h.entry.id : h.entry.code))}  ${clean(h.entry.title)}`);
    }
  }
  return { found: isFound(explanation), text: w.toString() };
}


function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? flat.slice(0, 79) + '…' : flat;
}

class Writer {
  private lines: string[] = [];
  private sections = 0;

  constructor(private readonly style: Style, private readonly width: number) {}

  get empty(): boolean {
    return this.lines.length === 0;
  }

  line(s: string) {
    this.lines.push(s);
  }

  private gap() {
    if (this.sections++) this.lines.push('');
  }

  private paintClass(cls: string): string {
    const words = classWords(cls);
    return cls === 'permanent' ? this.style.red(words) : cls === 'transient' ? this.style.yellow(words) : cls === 'success' ? this.style.green(words) : this.style.blue(words);
  }

  private para(text: string, indent: string) {
    for (const l of wrap(clean(text), this.width - indent.length)) this.lines.push(indent + l);
  }

  private list(title: string, items: readonly string[]) {
    if (!items.length) return;
    this.lines.push(`  ${this.style.bold(title)}`);
    for (const item of items) {
      const [first, ...rest] = wrap(clean(item), this.width - 6);
      this.lines.push(`    - ${first}`, ...rest.map((r) => `      ${r}`));
    }
  }

  entry(e: CatalogEntry, code: string, cls: string) {
    this.gap();
    const s = this.style;
    this.lines.push(`${s.bold(s.cyan(clean(code)))} ${s.bold('—')} ${s.bold(clean(e.title))}`);
    this.lines.push(`  Class:  ${this.paintClass(cls)}${e.deprecated ? s.yellow(' (deprecated)') : ''}`);
    this.lines.push(`  Family: ${clean(e.family === 'provider' ? `Provider message (${e.providerName ?? e.provider})` : FAMILY_WORDS[e.family])}${e.name ? ` · ${clean(e.name)}` : ''}`);
    if (e.codes?.length) this.lines.push(`  Codes:  ${clean(e.codes.join(', '))}`);
    this.lines.push('');
    this.para(e.meaning, '  ');
    this.lines.push('');
    this.list('Likely causes:', e.causes);
    this.list('What to do:', e.actions.sender);
    this.list('For the mail administrator:', e.actions.admin ?? []);
    this.list('Sources:', e.sources.map((src) => `${src.section ? `${src.title} §${src.section}` : src.title}${src.url ? ` <${src.url}>` : ''}`));
  }

  inferred(r: LookupResult) {
    this.gap();
    const s = this.style;
    const cls = resultClass(r);
    this.lines.push(`${s.bold(s.cyan(clean(r.code ?? r.query)))} ${s.bold('—')} ${s.yellow('not in the catalog')} ${s.dim('(inferred from its structure)')}`);
    if (r.family) this.lines.push(`  Family: ${FAMILY_WORDS[r.family] ?? r.family}`);
    this.lines.push(`  Class:  ${this.paintClass(cls)} ${s.dim('(inferred)')}`);
    if (r.inferred) {
      this.lines.push('');
      this.para(`Inferred: ${r.inferred}`, '  ');
    }
    for (const info of [r.classInfo, r.subjectInfo]) if (info) this.para(`${info.title}: ${info.meaning}`, '  ');
    if (r.groupInfo) this.para(`${r.groupInfo.title}: ${r.groupInfo.meaning}`, '  ');
  }

  warning(text: string) {
    this.gap();
    this.para(`! ${text}`, '');
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

export function wrap(text: string, width: number): string[] {
  const max = Math.max(20, width);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !out.length) out.push(line);
  return out;
}
