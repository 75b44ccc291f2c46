// Findings as diagnostics, at the levels the settings give each family and class, capped at
// mailErrorCodes.maxDiagnosticsPerFile (0 reports none; above the cap, one note says how many more there are).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { outcomeLine, type RecipientOutcome } from '../core/bounce/outcome';
import type { Catalog } from '../core/catalog/catalog';
import { classWords } from '../core/present/markdown';
import type { Finding } from '../core/scan/finding';
import type { FindingClass } from '../protocol';
import type { BlockDocument } from './blockDocument';
import type { Level, Settings } from './settings';

export const SOURCE = 'mail-error-codes';

const LEVEL_TO_SEVERITY: Record<Exclude<Level, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

type Levels = Record<Finding['family'], Record<FindingClass, Level>>;

export function levelFor(settings: Settings, family: Finding['family'], cls: FindingClass): Level {
  if (cls === 'success' || cls === 'intermediate') return settings.showSuccessCodes ? 'information' : 'off';
  const override = settings.severity.byFamily[family];
  if (cls === 'permanent') return override?.permanent ?? settings.severity.permanent;
  if (cls === 'transient') return override?.transient ?? settings.severity.transient;
  return settings.severity.unknown;
}

/** The level of every family and class, worked out once per publish rather than once per finding. */
function levelTable(settings: Settings): Levels {
  const families: Finding['family'][] = ['reply', 'enhanced', 'outlook', 'provider'];
  const classes: FindingClass[] = ['success', 'intermediate', 'transient', 'permanent', 'unknown'];
  return Object.fromEntries(families.map((f) => [f, Object.fromEntries(classes.map((c) => [c, levelFor(settings, f, c)]))])) as Levels;
}

/** Failed recipients at the permanent level, delayed ones at the transient level; complaints and replies as information. */
function recipientLevel(settings: Settings, o: RecipientOutcome): Level {
  if (o.action === 'failed') return settings.severity.permanent;
  if (o.action === 'delayed') return settings.severity.transient;
  if (o.action === 'feedback' || o.action === 'vacation') return settings.severity.unknown;
  return settings.showSuccessCodes ? 'information' : 'off';
}

/** What a document's diagnostics are made from, besides its findings. */
export interface DiagnosticsInput {
  /** The recipients of a bounce (reported before its codes). */
  recipients?: readonly RecipientOutcome[];
  /** False while the document is still being read (the findings are its first ones, not all of them). */
  complete?: boolean;
  /** The findings counted by family and class, so that those past the cap need no loop. */
  tally?: { counts: ReadonlyMap<string, number>; notes: number };
}

export function diagnosticsFor(doc: BlockDocument, findings: readonly Finding[], settings: Settings, catalog: Catalog, { recipients = [], complete = true, tally }: DiagnosticsInput = {}): Diagnostic[] {
  const max = settings.maxDiagnosticsPerFile;
  // 0 means none at all: not even the note about the ones left out.
  if (max <= 0) return [];
  const out: Diagnostic[] = [];
  let left = 0;
  const add = (d: () => Diagnostic) => {
    if (out.length < max) out.push(d());
    else left++;
  };
  const levels = levelTable(settings);
  // A failed recipient first: a bounce's point is who did not get the message.
  for (const o of recipients) {
    const level = recipientLevel(settings, o);
    if (level === 'off') continue;
    add(() => ({ range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) }, severity: LEVEL_TO_SEVERITY[level], source: SOURCE, code: 'recipient', message: outcomeLine(o) }));
  }
  let i = 0;
  for (; i < findings.length && out.length < max; i++) {
    const f = findings[i];
    const level = levels[f.family][f.class];
    const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
    if (level !== 'off') {
      const entry = f.entryId ? catalog.get(f.entryId) : undefined;
      const url = entry?.sources.find((s) => s.url)?.url;
      add(() => ({
        range,
        severity: LEVEL_TO_SEVERITY[level],
        source: SOURCE,
        code: f.family === 'provider' ? (entry?.code ?? f.code) : f.code,
        codeDescription: url ? { href: url } : undefined,
        message: `${f.family === 'provider' ? '' : `${f.code} `}${f.title} (${classWords(f.class)})`,
      }));
    }
    for (const note of f.notes ?? []) add(() => ({ range, severity: DiagnosticSeverity.Warning, source: SOURCE, code: `${f.code}:check`, message: note }));
  }
  // Past the cap findings are only counted. Without an "off" level but for success codes (the usual settings),
  // the class alone decides, which keeps this loop cheap on a log with hundreds of thousands of findings.
  const offOnlySuccess = Object.values(levels).every((byClass) => byClass.permanent !== 'off' && byClass.transient !== 'off' && byClass.unknown !== 'off');
  if (tally && i < findings.length) {
    // All the counted findings and notes, less those of the first i.
    for (const [key, n] of tally.counts) {
      const [family, cls] = key.split(':') as [Finding['family'], FindingClass];
      if (levels[family][cls] !== 'off') left += n;
    }
    left += tally.notes;
    for (let k = 0; k < i; k++) {
      const f = findings[k];
      if (levels[f.family][f.class] !== 'off') left--;
      if (f.notes !== undefined) left -= f.notes.length;
    }
    i = findings.length;
  }
  for (; i < findings.length; i++) {
    const f = findings[i];
    const counted = offOnlySuccess ? settings.showSuccessCodes || (f.class !== 'success' && f.class !== 'intermediate') : levels[f.family][f.class] !== 'off';
    if (counted) left++;
    if (f.notes !== undefined) left += f.notes.length;
  }
  if (left > 0) {
    const last = out[out.length - 1];
    out.push({
      range: last?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'limit',
      message: complete
        ? `${left} more mail codes are not shown (mailErrorCodes.maxDiagnosticsPerFile is ${max}); the "In This File" view counts them all.`
        : `More mail codes are not shown (mailErrorCodes.maxDiagnosticsPerFile is ${max}); the file is still being read, the "In This File" view will count them all.`,
    });
  }
  return out;
}
