// `explain`: a code or a whole reply as terminal text, from the catalog's explain() (the same as the hover).
import { resultClass, type AnsweredBy, type Catalog, type Explanation, type LookupResult } from '../core/catalog/catalog';
import { FAMILY_NAMES, familyKind } from '../core/families';
import { classWords } from '../core/present/markdown';
import type { CatalogEntry } from '../core/types';
import { clean, type Style } from './terminal';

export interface Explained {
  found: boolean;
  text: string;
}

/** True when the catalog knows at least one code of the text (or a provider message matched). */
export function isFound(e: Explanation): boolean {
  return e.providers.length > 0 || [e.reply, e.enhanced, e.outlook].some((r) => r?.known);
}

/** What `explain` says about one argument, in order: the matching provider entry, then the entry (or, for a code
 *  not in the catalog, what its structure says) of each code found; the text and JSON outputs both render this. */
export interface ArgumentExplanation {
  input: string;
  found: boolean;
  /** The provider whose mail host the text names as the one that answered. */
  answeredBy?: AnsweredBy;
  parts: ExplainedPart[];
  inconsistency?: string;
  /** When no code was recognised: the catalog's best guesses. */
  suggestions: CatalogEntry[];
}

export type ExplainedPart =
  | { kind: 'entry'; entry: CatalogEntry; code: string; class: string }
  | { kind: 'inferred'; result: LookupResult; class: string };

export function explainParts(arg: string, catalog: Catalog): ArgumentExplanation {
  const explanation = catalog.explain(arg);
  const parts: ExplainedPart[] = [];
  const provider = explanation.providers[0];
  if (provider) parts.push({ kind: 'entry', entry: provider, code: providerCode(provider), class: provider.severity });
  for (const result of [explanation.reply, explanation.enhanced, explanation.outlook]) {
    if (!result?.code && !result?.entries.length) continue;
    const own = result.entries.find((e) => e.family !== 'provider') ?? (result.known ? result.entries[0] : undefined);
    if (own) {
      // The same provider entry twice (once as the match, once keyed by the code) says nothing new.
      if (own !== provider) parts.push({ kind: 'entry', entry: own, code: own.family === 'provider' ? providerCode(own) : (result.code ?? own.code), class: resultClass(result, own) });
    } else parts.push({ kind: 'inferred', result, class: resultClass(result) });
  }
  const suggestions = parts.length || explanation.inconsistency ? [] : catalog.search(arg, 5).map((h) => h.entry);
  return { input: arg, found: isFound(explanation), answeredBy: explanation.answeredBy, parts, inconsistency: explanation.inconsistency, suggestions };
}

const providerCode = (e: CatalogEntry) => `${e.providerName ?? e.provider} ${e.code}`;

export function explainArgument(arg: string, catalog: Catalog, style: Style, width: number): Explained {
  const explained = explainParts(arg, catalog);
  const w = new Writer(style, width);
  if (explained.answeredBy) w.line(`Answered by ${style.bold(clean(explained.answeredBy.provider.name))} (${clean(explained.answeredBy.host)})`);
  for (const part of explained.parts) {
    if (part.kind === 'entry') w.entry(part.entry, part.code, part.class);
    else w.inferred(part.result);
  }
  if (explained.inconsistency) w.warning(explained.inconsistency);
  if (w.empty) {
    w.line(`${style.bold(clean(oneLine(arg)))}: ${style.yellow('no mail code recognised')}`);
    if (explained.suggestions.length) {
      w.line('  Did you mean:');
      for (const e of explained.suggestions) w.line(`    ${style.cyan(clean(e.family === 'provider' ? e.id : e.code))}  ${clean(e.title)}`);
    }
  }
  return { found: explained.found, text: w.toString() };
}

/** `explain --format json`: one object per argument (a JSON Lines row), for scripts and jq. */
export function explainJson(arg: string, catalog: Catalog): { found: boolean } & Record<string, unknown> {
  const { input, found, answeredBy, parts, inconsistency, suggestions } = explainParts(arg, catalog);
  return {
    input,
    found,
    ...(answeredBy ? { answeredBy: { provider: answeredBy.provider.id, providerName: answeredBy.provider.name, host: answeredBy.host } } : {}),
    entries: parts.filter((p) => p.kind === 'entry').map(({ entry: e, code, class: cls }) => ({
      id: e.id,
      family: e.family,
      code: e.family === 'provider' ? e.code : code,
      ...(e.name ? { name: e.name } : {}),
      ...(e.family === 'provider' ? { provider: e.provider, providerName: e.providerName } : {}),
      title: e.title,
      class: cls,
      ...(e.deprecated ? { deprecated: true } : {}),
      meaning: e.meaning,
      causes: e.causes,
      actions: { sender: e.actions.sender, admin: e.actions.admin ?? [] },
      sources: e.sources,
    })),
    inferred: parts.filter((p) => p.kind === 'inferred').map(({ result: r, class: cls }) => ({
      code: r.code ?? r.query,
      family: r.family,
      class: cls,
      inferred: r.inferred,
      structure: [r.classInfo, r.subjectInfo, r.groupInfo].filter((i) => i !== undefined).map((i) => ({ title: i.title, meaning: i.meaning })),
    })),
    ...(inconsistency ? { inconsistency } : {}),
    ...(suggestions.length ? { suggestions: suggestions.map((e) => ({ id: e.id, code: e.code, title: e.title })) } : {}),
  };
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
    this.lines.push(`  Family: ${clean(familyKind(e))}${e.name ? ` · ${clean(e.name)}` : ''}`);
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
    if (r.family) this.lines.push(`  Family: ${FAMILY_NAMES[r.family].kind}`);
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
