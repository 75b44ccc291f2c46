// Types shared across the core, the language server, the CLI and (through the protocol) the client.
// Pure data: no editor or Node API here.

import type { Reason } from './bounce/reason';

export type Family = 'reply' | 'enhanced' | 'outlook' | 'provider';
export type Severity = 'success' | 'intermediate' | 'transient' | 'permanent' | 'both';

export interface Source {
  title: string;
  section?: string;
  url?: string;
}

export interface CatalogEntry {
  id: string;
  family: Family;
  code: string;
  title: string;
  meaning: string;
  causes: string[];
  actions: { sender: string[]; admin?: string[] };
  severity: Severity;
  name?: string;
  group?: string;
  provider?: string;
  providerName?: string;
  codes?: string[];
  phrases?: string[];
  /** Provider entries: why delivery failed, in the bounce taxonomy (catalog/schema.json $defs.reason). */
  reason?: Reason;
  definedBy?: { kind: 'rfc' | 'vendor' | 'folklore'; rfc?: string; section?: string; note?: string };
  vendors?: string[];
  pairedReplyCodes?: string[];
  sampleText?: string;
  rfc?: string;
  deprecated?: boolean;
  related?: string[];
  glossary?: { term: string; definition: string }[];
  notes?: string[];
  sources: Source[];
  /** Set by the loader: which file the entry came from ("built-in" or a custom catalog path). */
  origin?: string;
}

export interface DigitInfo {
  digit: string;
  title: string;
  meaning: string;
  severity?: Severity;
}

export interface CatalogStructure {
  replyClasses: DigitInfo[];
  replyCategories: DigitInfo[];
  enhancedClasses: DigitInfo[];
  enhancedSubjects: DigitInfo[];
  outlookGroups: { id: string; title: string; meaning: string }[];
  sources: Source[];
}

/** The compiled catalog (dist/catalog.json): built-in entries and the structure, validated at build time. */
export interface CompiledCatalog {
  version: string;
  structure: CatalogStructure;
  entries: CatalogEntry[];
}
