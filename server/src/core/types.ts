// Types shared across the core, the language server, the CLI and (through the protocol) the client.
// Pure data: no editor or Node API here.

import type { Reason } from './bounce/reason';

export type Family = 'reply' | 'enhanced' | 'outlook' | 'provider';
export type Severity = 'success' | 'intermediate' | 'transient' | 'permanent' | 'both';

/** The class a finding is reported with (an enhanced code's class comes from its first digit). */
export type FindingClass = Exclude<Severity, 'both'> | 'unknown';

/** A place in a document as editors count it: 0-based line, 0-based UTF-16 offset in the line. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface Source {
  title: string;
  section?: string;
  url?: string;
}

/** A mailbox provider, gateway or sending service: the `provider` block of its catalog file. */
export interface ProviderInfo {
  id: string;
  name: string;
  /** Domain suffixes of its mail hosts: a host equal to one, or ending in "." + one, is the provider's. */
  hosts?: string[];
  /** Literal strings in (nearly) every reply of this provider and no other's: Gmail's "gsmtp". */
  markers?: string[];
  sources: Source[];
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
  /** Provider entries: `smtp` (default) for replies in SMTP; `http` for statuses of a sending API (Mailgun's 400). */
  kind?: 'smtp' | 'http';
  codes?: string[];
  /** Provider entries: ranges of enhanced codes, "5.7.606-649". */
  codeRanges?: string[];
  phrases?: string[];
  /** Provider entries whose words other servers write too: they match only when the reply involves this provider. */
  onlyFromProvider?: boolean;
  /** Provider entries: literal strings only this provider writes ([TSS04], S3150); they identify the entry whatever its codes. */
  markers?: string[];
  /** Provider entries: why delivery failed, in the bounce taxonomy (catalog/schema.json $defs.reason). */
  reason?: Reason;
  definedBy?: { kind: 'rfc' | 'registry' | 'vendor' | 'folklore'; rfc?: string; section?: string; note?: string };
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
  /** The provider blocks of the provider files, in file order. */
  providers?: ProviderInfo[];
}
