// Markdown for hovers and detail pages. Every piece of text goes through escape(): text from the user's files and from
// custom catalogs is untrusted, so it can never become a link, an image, HTML or a command.
import { resultClass, type Catalog, type Explanation, type LookupResult } from '../catalog/catalog';
import { CATEGORY_TITLES, type RecipientSummary } from '../dsn/summary';
import { REASON_TITLES } from '../bounce/reason';
import { familyKind } from '../families';
import type { CatalogEntry, Source } from '../types';

/** Backslash-escapes every ASCII punctuation character CommonMark gives a meaning to; drops control characters. */
export function escape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~:&"'=$^@%]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}

/** A link target we produce ourselves: only https URLs (the schema enforces it), with characters that end links encoded. */
function safeUrl(url: string): string | undefined {
  if (!/^https:\/\/[^\s<>"']+$/.test(url)) return undefined;
  return url.replace(/[()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const CLASS_WORDS: Record<string, string> = {
  success: 'success',
  intermediate: 'intermediate (more input expected)',
  transient: 'transient failure: retrying may succeed',
  permanent: 'permanent failure: retrying will not help',
  both: 'transient or permanent (by its first digit)',
  unknown: 'unknown class',
};

export function classWords(cls: string): string {
  return CLASS_WORDS[cls] ?? cls;
}

function sourcesLine(sources: readonly Source[]): string {
  return sources
    .map((s) => {
      const label = escape(s.section ? `${s.title} §${s.section}` : s.title);
      const url = s.url && safeUrl(s.url);
      return url ? `[${label}](${url})` : label;
    })
    .join(' · ');
}

function bullets(items: readonly string[], max = Infinity): string {
  return items.slice(0, max).map((i) => `- ${escape(i)}`).join('\n');
}

/** `shown` is the code as it appeared (5.1.1) when the entry is the registry's generic one (X.1.1). */
function entryHeading(entry: CatalogEntry, shown?: string): string {
  const own = shown && shown !== entry.code ? `${shown} (${entry.code})` : entry.code;
  const code = entry.family === 'provider' ? `${entry.providerName ?? entry.provider}: ${entry.code}` : own;
  return `**${escape(code)}**${entry.name ? ` \`${entry.name.replace(/`/g, '')}\`` : ''} — ${escape(entry.title)}`;
}

/** A concise section about one entry, for a hover. */
function entrySection(entry: CatalogEntry, cls: string, shown?: string): string {
  const parts = [`${entryHeading(entry, shown)}  \n*${escape(classWords(cls))}*${entry.deprecated ? ' · *deprecated*' : ''}`, escape(entry.meaning)];
  if (entry.causes.length) parts.push(`**Likely causes**\n\n${bullets(entry.causes, 3)}`);
  const actions = [...entry.actions.sender.slice(0, 3), ...(entry.actions.admin ?? []).slice(0, 2).map((a) => `Admin: ${a}`)];
  if (actions.length) parts.push(`**What to do**\n\n${bullets(actions)}`);
  parts.push(`Sources: ${sourcesLine(entry.sources)}`);
  return parts.join('\n\n');
}

function inferredSection(result: LookupResult, cls: string): string {
  const info = [result.classInfo, result.subjectInfo].filter((i) => i !== undefined);
  const lines = [`**${escape(result.code ?? result.query)}** — *${escape(classWords(cls))}* · not in the catalog`, escape(result.inferred ?? '')];
  for (const i of info) lines.push(`${escape(i!.title)}: ${escape(i!.meaning)}`);
  if (result.groupInfo) lines.push(`${escape(result.groupInfo.title)}: ${escape(result.groupInfo.meaning)}`);
  return lines.filter(Boolean).join('\n\n');
}


function resultSection(result: LookupResult | undefined): string | undefined {
  if (!result?.code) return undefined;
  const own = result.entries.find((e) => e.family !== 'provider');
  return own ? entrySection(own, resultClass(result), result.code) : inferredSection(result, resultClass(result));
}

/** The hover: one explanation of the whole reply: reply code, enhanced code, Outlook code and the matching provider entry. */
export function explanationMarkdown(explanation: Explanation): string {
  const sections: string[] = [];
  const provider = explanation.providers[0];
  const by = explanation.answeredBy;
  if (by) sections.push(`Answered by **${escape(by.provider.name)}** (${escape(by.host)})`);
  if (provider) sections.push(entrySection(provider, provider.severity));
  for (const s of [resultSection(explanation.reply), resultSection(explanation.enhanced), resultSection(explanation.outlook)]) if (s) sections.push(s);
  if (explanation.inconsistency) sections.push(`⚠ ${escape(explanation.inconsistency)}`);
  return sections.join('\n\n---\n\n');
}

export function summaryMarkdown(s: RecipientSummary, catalog: Catalog): string {
  const rows: [string, string | undefined][] = [
    ['Recipient', s.recipient],
    ['Outcome', s.outcome === 'failed' ? 'failed permanently' : s.outcome],
    ['Status', s.status],
    ['Reply code', s.replyCode],
    ['Reason', s.outcome === 'failed' || s.outcome === 'delayed' ? `${CATEGORY_TITLES[s.category]} (${s.bounce} bounce)` : undefined],
    ['Remote MTA', s.remoteMta],
    ['Reporting MTA', s.reportingMta],
    ['Last attempt', s.lastAttempt],
    ['Diagnostic', s.diagnostic],
  ];
  const table = ['| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${escape(v!)} |`)].join('\n');
  const parts = [`**Delivery status for ${escape(s.recipient)}**`, table];
  const detail = s.diagnostic ?? [s.replyCode, s.status].filter(Boolean).join(' ');
  if (detail) {
    const explained = explanationMarkdown(catalog.explain(detail));
    if (explained) parts.push(explained);
  }
  return parts.join('\n\n');
}

/** The detail page of an entry: everything the catalog knows, related codes as links built by `link`. */
export function entryPage(entry: CatalogEntry, catalog: Catalog, link: (target: CatalogEntry) => string): string {
  const out: string[] = [`# ${escape(entry.family === 'provider' ? `${entry.providerName ?? entry.provider}: ${entry.code}` : entry.code)} — ${escape(entry.title)}`];
  const facts: string[] = [];
  facts.push(`**Family:** ${escape(familyKind(entry))}`);
  facts.push(`**Class:** ${escape(classWords(entry.severity))}`);
  if (entry.name) facts.push(`**Symbolic name:** \`${entry.name.replace(/`/g, '')}\``);
  if (entry.group) facts.push(`**Group:** ${escape(catalog.structure.outlookGroups.find((g) => g.id === entry.group)?.title ?? entry.group)}`);
  if (entry.codes?.length || entry.codeRanges?.length) facts.push(`**Codes:** ${escape([...(entry.codes ?? []), ...(entry.codeRanges ?? [])].join(', '))}`);
  if (entry.reason) facts.push(`**Bounce reason:** ${escape(REASON_TITLES[entry.reason] ?? entry.reason)}`);
  const provider = entry.provider ? catalog.provider(entry.provider) : undefined;
  if (provider?.hosts?.length) facts.push(`**Mail hosts:** ${escape(provider.hosts.join(', '))}`);
  if (entry.definedBy) facts.push(`**Defined by:** ${escape(entry.definedBy.kind === 'rfc' ? `${entry.definedBy.rfc ?? 'RFC'}${entry.definedBy.section ? ` section ${entry.definedBy.section}` : ''}` : entry.definedBy.kind === 'vendor' ? 'a vendor (not an RFC)' : entry.definedBy.kind === 'registry' ? 'no RFC: listed only as an associated code in the IANA registry' : 'no RFC or vendor: a code seen in the wild')}${entry.definedBy.note ? ` — ${escape(entry.definedBy.note)}` : ''}`);
  if (entry.vendors?.length) facts.push(`**Used by:** ${escape(entry.vendors.join(', '))}`);
  if (entry.rfc) facts.push(`**${entry.rfc.startsWith('draft-') ? 'Internet-Draft' : 'RFC'}:** ${escape(entry.rfc)}`);
  if (entry.pairedReplyCodes?.length) facts.push(`**Usually paired with:** ${escape(entry.pairedReplyCodes.join(', '))}`);
  if (entry.sampleText) facts.push(`**Registry sample text:** ${escape(entry.sampleText)}`);
  if (entry.deprecated) facts.push('**Deprecated**');
  out.push(facts.join('  \n'));
  out.push(`## What it means\n\n${escape(entry.meaning)}`);
  const structure = structureLines(entry, catalog);
  if (structure.length) out.push(structure.join('\n\n'));
  if (entry.causes.length) out.push(`## Likely causes\n\n${bullets(entry.causes)}`);
  out.push(`## What to do\n\n${bullets(entry.actions.sender)}`);
  if (entry.actions.admin?.length) out.push(`### For the mail administrator\n\n${bullets(entry.actions.admin)}`);
  const recognised = [...(entry.markers ?? []), ...(entry.phrases ?? [])];
  if (recognised.length) out.push(`## Recognised by\n\n${bullets(recognised.map((p) => `“${p}”`))}`);
  if (entry.glossary?.length) out.push(`## Glossary\n\n${entry.glossary.map((g) => `- **${escape(g.term)}**: ${escape(g.definition)}`).join('\n')}`);
  const related = (entry.related ?? []).map((r) => ({ r, target: catalog.get(r) ?? catalog.lookup(r).entries[0] })).filter((x) => x.target && x.target !== entry);
  if (related.length) out.push(`## Related codes\n\n${related.map(({ target }) => `- [${escape(target!.family === 'provider' ? target!.id : target!.code)}](${link(target!)}) — ${escape(target!.title)}`).join('\n')}`);
  if (entry.notes?.length) out.push(`## Notes\n\n${bullets(entry.notes)}`);
  out.push(`## Sources\n\n${entry.sources.map((s) => `- ${sourcesLine([s])}`).join('\n')}`);
  if (entry.origin && entry.origin !== 'built-in') out.push(`*From the custom catalog ${escape(entry.origin)}.*`);
  return out.join('\n\n') + '\n';
}

function structureLines(entry: CatalogEntry, catalog: Catalog): string[] {
  const s = catalog.structure;
  if (entry.family === 'reply') {
    const c = s.replyClasses.find((x) => x.digit === entry.code[0]);
    const d = s.replyCategories.find((x) => x.digit === entry.code[1]);
    return [c && `**First digit ${c.digit} — ${escape(c.title)}:** ${escape(c.meaning)}`, d && `**Second digit ${d.digit} — ${escape(d.title)}:** ${escape(d.meaning)}`].filter((x): x is string => !!x);
  }
  if (entry.family === 'enhanced') {
    const subject = entry.code.split('.')[1];
    const d = s.enhancedSubjects.find((x) => x.digit === subject);
    return d ? [`**Subject ${subject} — ${escape(d.title)}:** ${escape(d.meaning)}`] : [];
  }
  return [];
}
