// What every command shares: the tool's name and version, and the built-in catalog.
import catalogData from 'catalog:compiled';
import { version } from '../../../package.json';
import { Catalog } from '../core/catalog/catalog';
import type { CompiledCatalog } from '../core/types';

export const NAME = 'mail-error-codes';
export const VERSION: string = version;

export function builtInCatalog(): Catalog {
  const compiled = catalogData as CompiledCatalog;
  return new Catalog({ ...compiled, entries: compiled.entries.map((e) => ({ ...e, origin: 'built-in' })) });
}
