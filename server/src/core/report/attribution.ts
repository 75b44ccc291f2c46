// The two things the report takes from the rest of the core, each behind one call: the provider a relay host
// belongs to, and the reason category of a failure.
import type { Catalog } from '../catalog/catalog';
import type { Outcome } from './event';

export interface ProviderRef {
  id: string;
  name: string;
}

export interface ReasonRef {
  id: string;
  title: string;
  hard: boolean;
}

/** The provider whose mail host this is. Not known yet: the catalog's host tables are read elsewhere. */
export function providerOfHost(_host: string, _catalog: Catalog): ProviderRef | undefined {
  return undefined;
}

/** The reason category of a failure (user unknown, mailbox full, blocked …). Not known yet. */
export function classifyReason(_failure: { outcome: Outcome; status?: string; reply?: string; text?: string }): ReasonRef | undefined {
  return undefined;
}
