// The two things the report takes from the rest of the core, each behind one call: the provider a relay host
// belongs to (the catalog's provider host tables), and the reason of a failure (the bounce reason taxonomy).
import { classify, commandOf, isHard, REASON_TITLES, type Reason } from '../bounce/reason';
import type { Catalog } from '../catalog/catalog';
import type { Outcome } from './event';

export interface ProviderRef {
  id: string;
  name: string;
}

export interface ReasonRef {
  id: Reason;
  title: string;
  /** The address will never work (no such user or domain): only said of bounces and rejections. */
  hard: boolean;
}

/** The provider whose mail host this is (gmail-smtp-in.l.google.com → Gmail), if any. */
export function providerOfHost(host: string, catalog: Catalog): ProviderRef | undefined {
  const p = catalog.providerOfHost(host);
  return p ? { id: p.id, name: p.name } : undefined;
}

export interface Failure {
  outcome: Outcome;
  status?: string;
  reply?: string;
  text?: string;
  /** The reason of the catalog's provider entry that explains the text, where one does. */
  providerReason?: Reason;
}

/** Why a delivery failed, in the bounce taxonomy (user unknown, mailbox full, blocked …). */
export function classifyReason(f: Failure): ReasonRef {
  const id = classify({
    status: f.status,
    reply: f.reply,
    diagnostic: f.text,
    command: commandOf(f.text),
    action: f.outcome === 'deferred' ? 'delayed' : 'failed',
    providerReason: f.providerReason,
    formatReason: f.outcome === 'expired' ? 'expired' : undefined,
  });
  return { id, title: REASON_TITLES[id], hard: f.outcome !== 'deferred' && isHard(id, f.status ?? f.reply) };
}
