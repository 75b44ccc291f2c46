// Look-ups over the catalog the server sent: by id and by the ways related codes are written in entries.
// Pure data, no editor API, so the tree, the Quick Pick and the detail pages label entries the same way.
import { parseCode, registryKey } from '../../server/src/core/catalog/codes';
import { FAMILY_NAMES } from '../../server/src/core/families';
import type { CatalogEntry, CatalogStructure } from '../../server/src/core/types';

export class CatalogIndex {
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly byCode = new Map<string, CatalogEntry>();

  constructor(readonly entries: readonly CatalogEntry[], readonly structure: CatalogStructure | null) {
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      // Provider entries share codes with the standard ones ("550"); the standard entry must win a code look-up.
      if (entry.family !== 'provider' && !this.byCode.has(codeKey(entry.code))) this.byCode.set(codeKey(entry.code), entry);
      if (entry.name) this.byCode.set(entry.name.toUpperCase(), entry);
    }
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /** An entry id or a code as written in `related` (550, 5.1.1, X.1.1, 0x800CCC69, SMTP_550_...). */
  resolve(ref: string): CatalogEntry | undefined {
    return this.byId.get(ref) ?? this.byCode.get(codeKey(ref));
  }
}

/** Spells a code the way the catalog keys it: enhanced codes by subject/detail (5.1.1 → X.1.1), hex upper-case. */
export function codeKey(code: string): string {
  // The core's own recognition, so the client reads codes exactly as the server and the CLI do.
  const parsed = parseCode(code);
  if (!parsed) return code.trim().toUpperCase();
  return parsed.family === 'enhanced' && !parsed.code.startsWith('X') ? registryKey(parsed.code) : parsed.code;
}

/** What a person calls the entry: the code, with the provider in front for provider entries. */
export function displayCode(entry: CatalogEntry): string {
  return entry.family === 'provider' ? `${entry.providerName ?? entry.provider ?? 'Provider'} ${entry.code}` : entry.code;
}

/** Tree and Quick Pick label: the code, then the symbolic name when there is one. */
export function entryLabel(entry: CatalogEntry): string {
  return entry.name ? `${entry.code} ${entry.name}` : entry.code;
}

export function familyDetail(entry: CatalogEntry): string {
  const family = FAMILY_NAMES[entry.family]?.heading ?? entry.family;
  return entry.family === 'provider' ? `${family} · ${entry.providerName ?? entry.provider ?? ''}` : family;
}
