import catalogData from 'catalog:compiled';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../server/src/core/catalog/catalog';

export const root = process.cwd();
export const catalog = new Catalog(catalogData);
export const fixture = (name: string) => readFileSync(join(root, 'test/fixtures', name), 'utf8');

/** "text at [line:col]" for findings: easier to read in assertion failures than offsets. */
export function located(text: string, f: { start: number; end: number }) {
  const before = text.slice(0, f.start);
  const line = before.split('\n').length;
  return { line, character: f.start - before.lastIndexOf('\n') - 1, text: text.slice(f.start, f.end) };
}
