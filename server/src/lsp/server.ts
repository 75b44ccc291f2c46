// The language server, independent of where it runs: the Node and browser hosts pass a connection and their few
// platform services. Everything else (scanning, catalog, Markdown) is the pure core.
import catalogData from 'catalog:compiled';
import {
  DiagnosticSeverity,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver';
import { Catalog } from '../core/catalog/catalog';
import type { Explanation } from '../core/catalog/catalog';
import { explainFindings } from '../core/explain';
import { explanationMarkdown, entryPage, classWords, summaryMarkdown } from '../core/present/markdown';
import { aggregate, totalsOf } from '../core/present/summary';
import type { Finding } from '../core/scan/finding';
import { lineAt } from '../core/scan/scanner';
import type { CompiledCatalog, Family } from '../core/types';
import {
  CatalogChangedNotification,
  CatalogRequest,
  DescribeRequest,
  FileSummaryRequest,
  SearchRequest,
  SummaryChangedNotification,
  type CatalogResult,
  type DescribeParams,
  type DescribeResult,
  type FileSummary,
  type FileSummaryParams,
  type FindingClass,
  type SearchParams,
  type SearchResult,
  type SummaryChangedParams,
} from '../protocol';
import type { CustomCatalogs } from './customCatalogs';
import { DocumentStore, lowerBound, type TrackedDocument } from './documents';
import { registerReportRequests } from './report';
import { DEFAULTS, matcherFor, parseSettings, type Level, type Settings } from './settings';

export interface ServerHost {
  /**
   * Reads and validates custom catalog files; absent where there is no file system (the browser), which also keeps
   * the schema validator out of the browser bundle.
   */
  loadCustomCatalogs?(paths: string[]): Promise<CustomCatalogs>;
  /** Lets other messages through during a long scan. */
  yieldNow(): Promise<void>;
}

export const SOURCE = 'mail-error-codes';
const LEVEL_TO_SEVERITY: Record<Exclude<Level, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function startServer(connection: Connection, host: ServerHost): void {
  const builtIn = new Catalog({ ...(catalogData as CompiledCatalog), entries: (catalogData as CompiledCatalog).entries.map((e) => ({ ...e, origin: 'built-in' })) });
  let catalog = builtIn;
  let settings: Settings = DEFAULTS;
  let isOurs = matcherFor(settings.include);
  let families: ReadonlySet<Family> = new Set(['reply', 'enhanced', 'outlook', 'provider']);
  let pullConfiguration = false;
  let workspaceDir: string | undefined;
  const reported = new Set<string>();
  const store = new DocumentStore({ catalog: () => catalog, families: () => families, yieldNow: () => host.yieldNow() });
  const summaryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Each distinct problem (a bad setting, an invalid custom catalog) is shown once, not on every change. */
  function reportOnce(message: string) {
    if (reported.has(message)) return;
    reported.add(message);
    connection.console.warn(message);
    void connection.window.showWarningMessage(`Mail Error Codes: ${message}`);
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceDir = folder?.startsWith('file://') ? decodeURIComponent(folder.slice('file://'.length)) : undefined;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
      },
      serverInfo: { name: 'mail-error-codes', version: builtIn.version },
    };
  });

  connection.onInitialized(() => void refreshSettings());
  connection.onDidChangeConfiguration((change) => void refreshSettings(change.settings?.mailErrorCodes));

  async function refreshSettings(pushed?: unknown) {
    let raw = pushed;
    if (pullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration('mailErrorCodes');
      } catch {
        // The client could not answer: keep what was pushed.
      }
    }
    const scannedWith = { catalog, families: [...families].join() };
    if (raw !== undefined) applySettings(raw);
    await reloadCustomCatalogs();
    // Findings depend on the catalog and the families only: other settings (severities, the cap) just republish.
    const findingsChanged = catalog !== scannedWith.catalog || [...families].join() !== scannedWith.families;
    for (const t of store.all()) {
      const active = isOurs(t.doc.uri, t.doc.languageId);
      if (t.active && !active) {
        t.findings = [];
        t.complete = false;
        t.generation++;
        void connection.sendDiagnostics({ uri: t.doc.uri, diagnostics: [] });
      }
      const wasActive = t.active;
      t.active = active;
      if (active && wasActive && t.complete && !findingsChanged) publish(t);
      else void rescan(t);
    }
  }

  function applySettings(raw: unknown) {
    const parsed = parseSettings(raw);
    for (const p of parsed.problems) reportOnce(p);
    settings = parsed.settings;
    isOurs = matcherFor(settings.include);
    families = new Set((Object.keys(settings.families) as Family[]).filter((f) => settings.families[f]));
  }

  async function reloadCustomCatalogs() {
    const before = catalog;
    if (!settings.customCatalogs.length) {
      catalog = builtIn;
    } else {
      const paths = settings.customCatalogs.map((p) => resolveAgainst(workspaceDir, p));
      const { entries, problems } = host.loadCustomCatalogs
        ? await host.loadCustomCatalogs(paths)
        : { entries: [], problems: paths.map((p) => `custom catalog ${p}: custom catalogs cannot be read here (no file system in the browser); the built-in catalog is used.`) };
      for (const p of problems) reportOnce(p);
      catalog = builtIn.withCustom(entries);
    }
    if (catalog !== before) void connection.sendNotification(CatalogChangedNotification, {});
  }

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    // Every document the client sends is kept, so that a change of files.include can take it in later.
    const t = store.open(d.uri, d.languageId, d.version, d.text, isOurs(d.uri, d.languageId));
    void rescan(t);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const t = store.get(textDocument.uri);
    if (!t) return;
    try {
      if (store.change(textDocument.uri, textDocument.version, contentChanges)) publish(t);
      else void rescan(t);
    } catch (error) {
      // One document's failure must not affect the others.
      connection.console.error(`Could not update ${textDocument.uri}: ${String(error)}`);
      void rescan(t);
    }
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    store.close(textDocument.uri);
    clearTimeout(summaryTimers.get(textDocument.uri));
    summaryTimers.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  async function rescan(t: TrackedDocument) {
    if (!t.active) return;
    try {
      if (await store.fullScan(t)) publish(t);
    } catch (error) {
      connection.console.error(`Could not scan ${t.doc.uri}: ${String(error)}`);
    }
  }

  function publish(t: TrackedDocument) {
    if (store.get(t.doc.uri) !== t) return;
    void connection.sendDiagnostics({ uri: t.doc.uri, version: t.doc.version, diagnostics: diagnosticsFor(t) });
    scheduleSummaryNotice(t);
  }

  function scheduleSummaryNotice(t: TrackedDocument) {
    clearTimeout(summaryTimers.get(t.doc.uri));
    summaryTimers.set(
      t.doc.uri,
      setTimeout(() => {
        summaryTimers.delete(t.doc.uri);
        if (store.get(t.doc.uri) !== t) return;
        const params: SummaryChangedParams = { uri: t.doc.uri, version: t.doc.version, findings: t.findings.length, totals: totalsOf(t.findings) };
        void connection.sendNotification(SummaryChangedNotification, params);
      }, 100),
    );
  }

  function levelFor(family: Finding['family'], cls: FindingClass): Level {
    if (cls === 'success' || cls === 'intermediate') return settings.showSuccessCodes ? 'information' : 'off';
    const override = settings.severity.byFamily[family];
    if (cls === 'permanent') return override?.permanent ?? settings.severity.permanent;
    if (cls === 'transient') return override?.transient ?? settings.severity.transient;
    return settings.severity.unknown;
  }

  /** The level of every family and class, worked out once per publish rather than once per finding. */
  function levelTable(): Record<Finding['family'], Record<FindingClass, Level>> {
    const families: Finding['family'][] = ['reply', 'enhanced', 'outlook', 'provider', 'dsn-summary'];
    const classes: FindingClass[] = ['success', 'intermediate', 'transient', 'permanent', 'unknown'];
    return Object.fromEntries(families.map((f) => [f, Object.fromEntries(classes.map((c) => [c, levelFor(f, c)]))])) as Record<Finding['family'], Record<FindingClass, Level>>;
  }

  function diagnosticsFor(t: TrackedDocument): Diagnostic[] {
    const out: Diagnostic[] = [];
    const max = settings.maxDiagnosticsPerFile;
    let left = 0;
    const add = (d: () => Diagnostic) => {
      if (out.length < max) out.push(d());
      else left++;
    };
    const levels = levelTable();
    const findings = t.findings;
    let i = 0;
    for (; i < findings.length && out.length < max; i++) {
      const f = findings[i];
      const level = levels[f.family][f.class];
      const range = { start: t.doc.positionAt(f.start), end: t.doc.positionAt(f.end) };
      if (level !== 'off') {
        const entry = f.entryId ? catalog.get(f.entryId) : undefined;
        const url = entry?.sources.find((s) => s.url)?.url;
        add(() => ({
          range,
          severity: LEVEL_TO_SEVERITY[level],
          source: SOURCE,
          code: f.family === 'provider' ? (entry?.code ?? f.code) : f.family === 'dsn-summary' ? 'dsn' : f.code,
          codeDescription: url ? { href: url } : undefined,
          message: f.family === 'dsn-summary' ? f.title : `${f.family === 'provider' ? '' : `${f.code} `}${f.title} (${classWords(f.class)})`,
        }));
      }
      for (const note of f.notes ?? []) add(() => ({ range, severity: DiagnosticSeverity.Warning, source: SOURCE, code: `${f.code}:check`, message: note }));
    }
    // Past the cap findings are only counted. Without an "off" level but for success codes (the usual settings),
    // the class alone decides, which keeps this loop cheap on a log with hundreds of thousands of findings.
    const offOnlySuccess = Object.values(levels).every((byClass) => byClass.permanent !== 'off' && byClass.transient !== 'off' && byClass.unknown !== 'off');
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
        message: `${left} more mail codes are not shown (mailErrorCodes.maxDiagnosticsPerFile is ${max}); the "In This File" view counts them all.`,
      });
    }
    return out;
  }

  connection.onHover(({ textDocument, position }): Hover | null => {
    const t = store.get(textDocument.uri);
    if (!t?.active) return null;
    const offset = t.doc.offsetAt(position);
    const i = findingAt(t.findings, offset);
    if (i < 0) return null;
    const f = t.findings[i];
    const markdown = f.summary ? summaryMarkdown(f.summary, catalog) : explanationMarkdown(explainAround(t, i));
    // Never trusted: `value` is plain Markdown without command links, and everything from the file is escaped.
    return { contents: { kind: 'markdown', value: markdown }, range: { start: t.doc.positionAt(f.start), end: t.doc.positionAt(f.end) } };
  });

  /** The whole reply a finding belongs to: the codes on its line next to it, and the provider entry of that line. */
  function explainAround(t: TrackedDocument, i: number): Explanation {
    const f = t.findings[i];
    const lineStart = t.doc.lineStartAt(f.start);
    const line = lineAt(t.doc.slice(lineStart, lineStart + 8192), 0);
    const onLine = t.findings.slice(lowerBound(t.findings, lineStart), lowerBound(t.findings, lineStart + line.length + 1));
    return explainFindings(catalog, line, onLine, f);
  }

  connection.onRequest(FileSummaryRequest, ({ uri }: FileSummaryParams): FileSummary | null => {
    const t = store.get(uri);
    if (!t?.active) return null;
    return { uri, version: t.doc.version, complete: t.complete, totals: totalsOf(t.findings), findings: t.findings.length, codes: aggregate(t.findings, (f) => f, (f) => ({ start: t.doc.positionAt(f.start), end: t.doc.positionAt(f.end) })) };
  });

  connection.onRequest(CatalogRequest, (): CatalogResult => ({ entries: [...catalog.entries], structure: catalog.structure }));

  connection.onRequest(SearchRequest, ({ query, limit }: SearchParams): SearchResult => ({
    entries: catalog.search(String(query ?? '').slice(0, 4000), Math.min(limit ?? 50, 500)).map((h) => ({ id: h.entry.id, score: h.score })),
  }));

  connection.onRequest(DescribeRequest, ({ id, text }: DescribeParams): DescribeResult => {
    const entry = id ? catalog.get(id) : undefined;
    if (entry) return { title: `${entry.family === 'provider' ? entry.providerName ?? entry.provider : ''} ${entry.code} — ${entry.title}`.trim(), markdown: entryPage(entry, catalog, (e) => `${e.id}.md`), found: true };
    const query = String(text ?? id ?? '').slice(0, 4000);
    const explanation = catalog.explain(query);
    const markdown = explanationMarkdown(explanation);
    return { title: query.length > 40 ? `${query.slice(0, 40)}…` : query, markdown: markdown || `No mail code found in “${query.replace(/[^\w .-]/g, '')}”.`, found: !!markdown };
  });

  registerReportRequests(connection, () => catalog);

  connection.listen();
}

/** Custom catalog paths may be relative to the (first) workspace folder, or start with ${workspaceFolder}. */
function resolveAgainst(dir: string | undefined, path: string): string {
  const p = path.replace(/^\$\{workspaceFolder\}[\\/]?/, '');
  if (!dir || /^(?:[\\/]|[A-Za-z]:[\\/])/.test(p)) return p;
  return `${dir.replace(/[\\/]$/, '')}/${p}`;
}

/** Index of the finding that contains the offset (its end included), or -1. */
function findingAt(findings: Finding[], offset: number): number {
  let i = lowerBound(findings, offset + 1) - 1;
  // Overlapping findings (a provider phrase around a code): prefer the innermost one that contains the offset.
  let best = -1;
  for (; i >= 0 && i >= lowerBound(findings, offset - 8192); i--) {
    const f = findings[i];
    if (f.start <= offset && offset <= f.end && (best < 0 || f.end - f.start < findings[best].end - findings[best].start)) best = i;
  }
  return best;
}
