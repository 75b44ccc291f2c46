// The Catalog view's shape, computed from catalog data alone: family → group → entries.
// Reply codes by class (2xx…5xx), enhanced codes by subject (X.0.x…X.7.x), Outlook codes by group, provider
// entries by provider. Group titles come from the catalog's structure, so the catalog stays the one source of names.
import type { CatalogEntry, CatalogStructure, Family } from '../../../server/src/core/types';
import { FAMILY_NAMES, FAMILY_ORDER } from '../../../server/src/core/families';

export interface CatalogGroup {
  key: string;
  label: string;
  description?: string;
  entries: CatalogEntry[];
}

export interface CatalogFamily {
  family: Family;
  label: string;
  groups: CatalogGroup[];
  count: number;
}

interface GroupSpec {
  key: string;
  order: number | string;
  label: string;
  description?: string;
}

export function buildCatalogTree(entries: readonly CatalogEntry[], structure: CatalogStructure | null, include?: ReadonlySet<string>): CatalogFamily[] {
  const visible = include ? entries.filter((e) => include.has(e.id)) : entries;
  return FAMILY_ORDER.flatMap((family) => {
    const members = visible.filter((e) => e.family === family);
    if (!members.length) return [];
    const groups = new Map<string, { spec: GroupSpec; entries: CatalogEntry[] }>();
    for (const entry of members) {
      const spec = groupOf(entry, structure);
      const group = groups.get(spec.key) ?? { spec, entries: [] };
      group.entries.push(entry);
      groups.set(spec.key, group);
    }
    const sorted = [...groups.values()].sort((a, b) => compare(a.spec.order, b.spec.order));
    return [{
      family,
      label: FAMILY_NAMES[family].heading,
      count: members.length,
      groups: sorted.map(({ spec, entries: list }) => ({
        key: spec.key,
        label: spec.label,
        description: spec.description,
        entries: list.sort(compareEntries),
      })),
    }];
  });
}

function groupOf(entry: CatalogEntry, structure: CatalogStructure | null): GroupSpec {
  switch (entry.family) {
    case 'reply': {
      const digit = entry.code[0] ?? '?';
      return { key: `reply/${digit}`, order: digit, label: `${digit}xx`, description: structure?.replyClasses.find((c) => c.digit === digit)?.title };
    }
    case 'enhanced': {
      const subject = entry.code.split('.')[1] ?? '?';
      const title = structure?.enhancedSubjects.find((s) => s.digit === subject)?.title;
      return { key: `enhanced/${subject}`, order: Number(subject), label: `X.${subject}.x`, description: title };
    }
    case 'outlook': {
      const groupId = entry.group ?? 'other';
      const groups = structure?.outlookGroups ?? [];
      const position = groups.findIndex((g) => g.id === groupId);
      return { key: `outlook/${groupId}`, order: position < 0 ? groups.length : position, label: groups[position]?.title ?? titleCase(groupId) };
    }
    case 'provider': {
      const name = entry.providerName ?? entry.provider ?? 'Other';
      return { key: `provider/${entry.provider ?? name}`, order: name.toLowerCase(), label: name };
    }
  }
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Numeric within dotted codes (X.2.10 after X.2.9), then by title for providers sharing a code. */
function compareEntries(a: CatalogEntry, b: CatalogEntry): number {
  return a.code.localeCompare(b.code, 'en', { numeric: true }) || a.title.localeCompare(b.title);
}

function titleCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
