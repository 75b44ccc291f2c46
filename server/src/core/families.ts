// How each family of codes is named and ordered: one table for the hover, the detail page, the CLI, the catalog
// export and the sidebar.
import type { CatalogEntry, Family } from './types';

export const FAMILY_ORDER: readonly Family[] = ['reply', 'enhanced', 'outlook', 'provider'];

export const FAMILY_NAMES: Record<Family, { /** one code of it */ kind: string; /** the family as a heading */ heading: string }> = {
  reply: { kind: 'SMTP reply code', heading: 'SMTP Reply Codes' },
  enhanced: { kind: 'Enhanced status code (RFC 3463)', heading: 'Enhanced Status Codes' },
  outlook: { kind: 'Outlook / Windows Mail error code', heading: 'Outlook Error Codes' },
  provider: { kind: 'Provider message', heading: 'Provider Bounces' },
};

/** Position in FAMILY_ORDER (for sorting). */
export function familyRank(family: Family): number {
  return FAMILY_ORDER.indexOf(family);
}

/** What kind of code an entry is: "SMTP reply code", "Provider message (Gmail / Google Workspace)". */
export function familyKind(entry: Pick<CatalogEntry, 'family' | 'provider' | 'providerName'>): string {
  const kind = FAMILY_NAMES[entry.family]?.kind ?? entry.family;
  return entry.family === 'provider' ? `${kind} (${entry.providerName ?? entry.provider})` : kind;
}
