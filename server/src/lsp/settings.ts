// The mailErrorCodes.* settings as the server uses them. Whatever the user wrote, the result is valid: a wrong value
// falls back to its default and is reported once.
import picomatch from 'picomatch';
import type { Family } from '../core/types';

export type Level = 'error' | 'warning' | 'information' | 'hint' | 'off';
const LEVELS: Level[] = ['error', 'warning', 'information', 'hint', 'off'];
const FAMILIES: Family[] = ['reply', 'enhanced', 'outlook', 'provider'];

export interface Settings {
  families: Record<Family, boolean>;
  severity: { permanent: Level; transient: Level; unknown: Level; byFamily: Partial<Record<Family, { permanent?: Level; transient?: Level }>> };
  showSuccessCodes: boolean;
  include: string[];
  maxDiagnosticsPerFile: number;
  customCatalogs: string[];
}

export const DEFAULT_INCLUDE = ['**/*.log', '**/*.eml', '**/*.txt', '**/mail.log', '**/maillog', '**/mail.err', '**/mail.warn', '**/syslog', '**/*.maillog'];

export const DEFAULTS: Settings = {
  families: { reply: true, enhanced: true, outlook: true, provider: true },
  severity: { permanent: 'error', transient: 'warning', unknown: 'information', byFamily: {} },
  showSuccessCodes: false,
  include: DEFAULT_INCLUDE,
  maxDiagnosticsPerFile: 1000,
  customCatalogs: [],
};

export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const r = isObject(raw) ? raw : {};
  const bool = (value: unknown, name: string, fallback: boolean) => {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(`mailErrorCodes.${name} must be true or false; using ${fallback}.`);
    return fallback;
  };
  const level = (value: unknown, name: string, fallback: Level) => {
    if (value === undefined) return fallback;
    if (LEVELS.includes(value as Level)) return value as Level;
    problems.push(`mailErrorCodes.${name} must be one of ${LEVELS.join(', ')}; using "${fallback}".`);
    return fallback;
  };
  const fam = isObject(r.families) ? r.families : {};
  const families = Object.fromEntries(FAMILIES.map((f) => [f, bool(fam[f], `families.${f}`, true)])) as Record<Family, boolean>;
  const sev = isObject(r.severity) ? r.severity : {};
  const byFamily: Settings['severity']['byFamily'] = {};
  if (isObject(sev.byFamily)) {
    for (const [f, v] of Object.entries(sev.byFamily)) {
      if (!(FAMILIES as string[]).includes(f) || !isObject(v)) {
        problems.push(`mailErrorCodes.severity.byFamily.${f} is not a family (${FAMILIES.join(', ')}) with {permanent, transient}; ignored.`);
        continue;
      }
      byFamily[f as Family] = {
        permanent: v.permanent === undefined ? undefined : level(v.permanent, `severity.byFamily.${f}.permanent`, DEFAULTS.severity.permanent),
        transient: v.transient === undefined ? undefined : level(v.transient, `severity.byFamily.${f}.transient`, DEFAULTS.severity.transient),
      };
    }
  }
  const severity = {
    permanent: level(sev.permanent, 'severity.permanent', DEFAULTS.severity.permanent),
    transient: level(sev.transient, 'severity.transient', DEFAULTS.severity.transient),
    unknown: level(sev.unknown, 'severity.unknown', DEFAULTS.severity.unknown),
    byFamily,
  };
  let include = DEFAULTS.include;
  const files = isObject(r.files) ? r.files : {};
  if (files.include !== undefined) {
    if (Array.isArray(files.include) && files.include.every((g) => typeof g === 'string')) {
      include = files.include.filter((g) => {
        try {
          picomatch(g);
          return true;
        } catch {
          problems.push(`mailErrorCodes.files.include: "${g}" is not a valid glob; ignored.`);
          return false;
        }
      });
    } else problems.push('mailErrorCodes.files.include must be a list of glob patterns; using the defaults.');
  }
  let max = DEFAULTS.maxDiagnosticsPerFile;
  if (r.maxDiagnosticsPerFile !== undefined) {
    if (typeof r.maxDiagnosticsPerFile === 'number' && Number.isFinite(r.maxDiagnosticsPerFile) && r.maxDiagnosticsPerFile >= 0) max = Math.floor(r.maxDiagnosticsPerFile);
    else problems.push(`mailErrorCodes.maxDiagnosticsPerFile must be a number ≥ 0; using ${max}.`);
  }
  let customCatalogs: string[] = [];
  if (r.customCatalogs !== undefined) {
    if (Array.isArray(r.customCatalogs) && r.customCatalogs.every((c) => typeof c === 'string')) customCatalogs = r.customCatalogs as string[];
    else problems.push('mailErrorCodes.customCatalogs must be a list of file paths; no custom catalog is loaded.');
  }
  return {
    settings: { families, severity, showSuccessCodes: bool(r.showSuccessCodes, 'showSuccessCodes', DEFAULTS.showSuccessCodes), include, maxDiagnosticsPerFile: max, customCatalogs },
    problems,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a document is ours: by language (mail-log, eml always; log and plaintext by the include globs) and path. */
export function matcherFor(include: string[]): (uri: string, languageId: string) => boolean {
  const match = picomatch(include.length ? include : ['**/*'], { dot: true, nocase: true });
  return (uri, languageId) => {
    if (languageId === 'mail-log' || languageId === 'eml') return true;
    if (uri.startsWith('untitled:')) return languageId === 'log' || languageId === 'plaintext';
    const path = decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
    return match(path) || match(path.replace(/^\/+/, ''));
  };
}
