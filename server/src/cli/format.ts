// The three output formats of `scan` (text, JSON Lines, SARIF 2.1.0) and the --summary table. Each formatter takes
// findings as they come and keeps only what its format needs at the end (SARIF: the rules seen; summary: counts).
import type * as Sarif from 'sarif';
import type { Catalog } from '../core/catalog/catalog';
import { outcomeLine, type RecipientOutcome } from '../core/bounce/outcome';
import { REASON_TITLES } from '../core/bounce/reason';
import { compareCodes } from '../core/present/summary';
import type { Finding } from '../core/scan/finding';
import type { FindingClass } from '../core/types';
import type { Hit, RecipientHit } from './scan';
import type { Output } from './output';
import { clean, cleanLine, toJson, type Style } from './terminal';

/** One line of the summary: a code and how often it was found. */
export interface SummaryGroup {
  code: string;
  family: Finding['family'];
  title: string;
  label?: string;
  class: FindingClass;
  count: number;
}

export type Level = 'error' | 'warning' | 'information';
export const LEVEL_RANK: Record<Level | 'none', number> = { none: 4, error: 3, warning: 2, information: 1 };

/** permanent → error, transient → warning, unknown → information; success and intermediate only with --all. */
export function levelOf(cls: FindingClass, all: boolean): Level | undefined {
  if (cls === 'permanent') return 'error';
  if (cls === 'transient') return 'warning';
  if (cls === 'unknown') return 'information';
  return all ? 'information' : undefined;
}

/** failed → error, delayed → warning, complaints and automatic replies → information; deliveries only with --all. */
export function recipientLevel(o: RecipientOutcome, all: boolean): Level | undefined {
  if (o.action === 'failed') return 'error';
  if (o.action === 'delayed') return 'warning';
  if (o.action === 'feedback' || o.action === 'vacation') return 'information';
  return all ? 'information' : undefined;
}

export interface Formatter {
  hit(file: string, hit: Hit, level: Level): void;
  recipient(file: string, found: RecipientHit, level: Level): void;
  /** Formats that need no places (the summary) take findings as they are: no lines or columns are worked out. */
  finding?(file: string, finding: Finding, level: Level): void;
  /** The summary's counts, which counts made elsewhere (by other threads) are merged into. */
  counts?: SummaryCounts;
  /** Called once after every input. */
  end(): void;
}

export function textFormatter(out: Output, style: Style): Formatter {
  const paint: Record<Level, (s: string) => string> = { error: style.red, warning: style.yellow, information: style.blue };
  return {
    hit(file, hit, level) {
      out.line(`${style.bold(`${cleanLine(file)}:${hit.line}:${hit.character + 1}:`)} ${paint[level](level)} ${style.cyan(cleanLine(hit.finding.code))} ${cleanLine(hit.finding.title)}`);
    },
    recipient(file, found, level) {
      out.line(`${style.bold(`${cleanLine(file)}:${found.line}:${found.character + 1}:`)} ${paint[level](level)} ${style.cyan('recipient')} ${cleanLine(outcomeLine(found.outcome))}`);
    },
    end() {},
  };
}

export function jsonFormatter(out: Output): Formatter {
  // A log repeats a few codes many times: what a row says of its code is written once per code, its place each time.
  let fileName: string | undefined;
  let fileJson = '';
  const tails = new Map<string, string>();
  return {
    hit(file, hit, level) {
      const f = hit.finding;
      if (file !== fileName) (fileName = file), (fileJson = toJson(file));
      const key = `${level}\u0000${f.family}\u0000${f.code}\u0000${f.class}\u0000${f.entryId ?? ''}\u0000${f.title}`;
      let tail = tails.get(key);
      if (tail === undefined) {
        tail = toJson({ code: f.code, family: f.family, class: f.class, severity: level, title: f.title, id: f.entryId }).slice(1);
        if (tails.size < 4096) tails.set(key, tail);
      }
      out.line(`{"type":"finding","file":${fileJson},"line":${hit.line},"character":${hit.character},"endCharacter":${hit.endCharacterOnLine},${tail}`);
    },
    recipient(file, found, level) {
      out.line(toJson(recipientRecord(file, found, level)));
    },
    end() {},
  };
}

const SARIF_LEVEL: Record<Level, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note' };

/** SARIF is one JSON document: results are written as they come, the rules seen are written after them. */
export function sarifFormatter(out: Output, catalog: Catalog, version: string): Formatter {
  const rules = new Map<string, { index: number; rule: Sarif.ReportingDescriptor }>();
  let count = 0;
  // The envelope { version, $schema, runs: [{ results: [ … ], tool, columnKind }] } is written around the results.
  const version210: Sarif.Log['version'] = '2.1.0';
  out.line(`{"version":${JSON.stringify(version210)},"$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[{"results":[`);
  return {
    hit(file, hit, level) {
      const f = hit.finding;
      const id = f.code;
      let known = rules.get(id);
      if (!known) {
        const entry = f.entryId ? catalog.get(f.entryId) : undefined;
        const rule: Sarif.ReportingDescriptor = {
          id,
          shortDescription: { text: f.title },
          defaultConfiguration: { level: SARIF_LEVEL[level] },
          properties: { family: f.family },
        };
        if (entry?.name) rule.name = entry.name;
        const url = entry?.sources.find((s) => s.url)?.url;
        if (url) rule.helpUri = url;
        rules.set(id, (known = { index: rules.size, rule }));
      }
      const result: Sarif.Result = {
        ruleId: id,
        ruleIndex: known.index,
        level: SARIF_LEVEL[level],
        message: { text: f.family === 'provider' ? f.title : `${f.code} ${f.title}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: hit.line, startColumn: hit.character + 1, endLine: hit.endLine, endColumn: hit.endCharacter + 1 } } }],
      };
      out.line((count++ ? ',' : '') + toJson(result));
    },
    recipient(file, found, level) {
      let known = rules.get('recipient');
      if (!known) rules.set('recipient', (known = { index: rules.size, rule: { id: 'recipient', shortDescription: { text: 'Delivery outcome of a recipient reported by a bounce' }, defaultConfiguration: { level: 'error' }, properties: { family: 'recipient' } } }));
      const o = found.outcome;
      const result: Sarif.Result = {
        ruleId: 'recipient',
        ruleIndex: known.index,
        level: SARIF_LEVEL[level],
        message: { text: outcomeLine(o) },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: found.line, startColumn: found.character + 1, endLine: found.line, endColumn: found.character + 1 + (o.end - o.start) } } }],
        properties: { recipient: o.recipient, action: o.action, reason: o.reason, bounce: o.bounce, status: o.status, reply: o.reply },
      };
      out.line((count++ ? ',' : '') + toJson(result));
    },
    end() {
      const driver: Sarif.ToolComponent = { name: 'mail-error-codes', version, informationUri: 'https://github.com/mail-error-codes/mail-error-codes', rules: [...rules.values()].map((r) => r.rule) };
      const tool: Sarif.Tool = { driver };
      const columnKind: Sarif.Run.columnKind = 'utf16CodeUnits';
      out.line(`],"tool":${toJson(tool)},"columnKind":${JSON.stringify(columnKind)}}]}`);
    },
  };
}

function artifactUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return 'file://' + encodeURI(slashed);
  return encodeURI(slashed);
}

/** What a summary counts, in a form that crosses threads: codes and bounced recipients. */
export interface SummaryData {
  /** In the order first seen. */
  groups: SummaryGroup[];
  /** Recipients by reason, and by hard / soft / not a bounce. */
  reasons: Record<string, number>;
  bounces: Record<RecipientOutcome['bounce'], number>;
}

/** Counts per code, with what the summary shows of each: memory is one group per distinct code. */
export class SummaryCounts implements SummaryData {
  readonly groups: SummaryGroup[] = [];
  readonly reasons: Record<string, number> = {};
  readonly bounces: Record<RecipientOutcome['bounce'], number> = { hard: 0, soft: 0, none: 0 };
  // Family, then code: no key string is built per finding.
  private readonly byFamily = new Map<string, Map<string, SummaryGroup>>();

  add(f: Pick<SummaryGroup, 'code' | 'family' | 'title' | 'label' | 'class'>, count = 1): void {
    let codes = this.byFamily.get(f.family);
    if (!codes) this.byFamily.set(f.family, (codes = new Map()));
    const g = codes.get(f.code);
    if (g) g.count += count;
    else {
      const group = { code: f.code, family: f.family, title: f.title, label: f.label, class: f.class, count };
      codes.set(f.code, group);
      this.groups.push(group);
    }
  }

  addRecipient(o: Pick<RecipientOutcome, 'reason' | 'bounce'>): void {
    this.reasons[o.reason] = (this.reasons[o.reason] ?? 0) + 1;
    this.bounces[o.bounce]++;
  }

  /** Adds the counts of a later stretch of input (counted elsewhere, by another thread). */
  merge(data: SummaryData): void {
    for (const g of data.groups) this.add(g, g.count);
    for (const [reason, n] of Object.entries(data.reasons)) this.reasons[reason] = (this.reasons[reason] ?? 0) + n;
    for (const b of ['hard', 'soft', 'none'] as const) this.bounces[b] += data.bounces[b];
  }

  data(): SummaryData {
    return { groups: this.groups, reasons: this.reasons, bounces: this.bounces };
  }
}

/**
 * --summary: counts per code over every input. Findings are counted as they come, without their places: memory is
 * one group per distinct code, not one entry per finding.
 */
export function summaryFormatter(out: Output, style: Style, format: 'text' | 'json', all: boolean): Formatter {
  const counts = new SummaryCounts();
  const { groups, bounces } = counts;
  return {
    counts,
    hit(_file, hit) {
      counts.add(hit.finding);
    },
    finding(_file, finding) {
      counts.add(finding);
    },
    recipient(_file, found) {
      counts.addRecipient(found.outcome);
    },
    end() {
      const recipients = bounces.hard + bounces.soft + bounces.none;
      const byReason = Object.entries(counts.reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const sorted = [...groups].sort(compareCodes);
      if (format === 'json') {
        for (const g of sorted) out.line(toJson({ code: g.code, family: g.family, class: g.class, severity: levelOf(g.class, all), count: g.count, title: g.title }));
        if (recipients) out.line(toJson({ type: 'recipients', count: recipients, hard: bounces.hard, soft: bounces.soft, notBounces: bounces.none, byReason: Object.fromEntries(byReason) }));
        return;
      }
      const paint: Record<Level, (s: string) => string> = { error: style.red, warning: style.yellow, information: style.blue };
      const width = Math.max(5, ...sorted.map((g) => String(g.count).length));
      const shown = (g: { family: string; code: string; label?: string }) => g.label ?? g.code;
      const codeWidth = Math.min(40, Math.max(4, ...sorted.map((g) => shown(g).length)));
      const totals: Record<Level, number> = { error: 0, warning: 0, information: 0 };
      let total = 0;
      for (const g of sorted) {
        const level = levelOf(g.class, all)!;
        totals[level] += g.count;
        total += g.count;
        const code = shown(g);
        out.line(`${String(g.count).padStart(width)}  ${paint[level](level.padEnd(11))} ${style.cyan(clean(code).padEnd(codeWidth))}  ${clean(g.title)}`);
      }
      out.line(`${total} finding${total === 1 ? '' : 's'} of ${sorted.length} code${sorted.length === 1 ? '' : 's'}: ${totals.error} error, ${totals.warning} warning, ${totals.information} information`);
      if (recipients) {
        out.line(`${recipients} recipient${recipients === 1 ? '' : 's'} in bounces: ${bounces.hard} hard, ${bounces.soft} soft${bounces.none ? `, ${bounces.none} not bounces (complaints, automatic replies, deliveries)` : ''}`);
        for (const [reason, n] of byReason) out.line(`${String(n).padStart(width)}  ${reason.padEnd(16)} ${REASON_TITLES[reason as keyof typeof REASON_TITLES]}`);
      }
    },
  };
}

/** The JSON object of a recipient (scan --format json, and the bounces command). */
export function recipientRecord(file: string, found: RecipientHit, level?: Level) {
  const o = found.outcome;
  return {
    type: 'recipient',
    file,
    line: found.line,
    character: found.character,
    recipient: o.recipient,
    action: o.action,
    status: o.status ?? null,
    reply: o.reply ?? null,
    reason: o.reason,
    reasonTitle: REASON_TITLES[o.reason],
    bounce: o.bounce,
    ...(level ? { severity: level } : {}),
    command: o.command ?? null,
    remoteMta: o.remoteMta ?? null,
    reportingMta: o.reportingMta ?? null,
    date: o.date ?? null,
    diagnostic: o.diagnostic ?? null,
  };
}
