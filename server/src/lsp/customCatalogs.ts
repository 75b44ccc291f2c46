// Loads the user's custom catalogs (mailErrorCodes.customCatalogs). A bad file is reported with its path and the
// JSON path of the problem, and left out; the built-in catalog and the other files keep working.
import { Validator } from '@cfworker/json-schema';
import schema from '../../../catalog/schema.json';
import type { CatalogEntry } from '../core/types';

const validator = new Validator(schema as object, '2020-12', false);

export interface CustomCatalogs {
  entries: CatalogEntry[];
  problems: string[];
}

export async function loadCustomCatalogs(paths: string[], readFile: (path: string) => Promise<string>): Promise<CustomCatalogs> {
  const entries: CatalogEntry[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const result = await loadOne(path, readFile);
    if (typeof result === 'string') problems.push(result);
    else entries.push(...result);
  }
  return { entries, problems };
}

async function loadOne(path: string, readFile: (path: string) => Promise<string>): Promise<CatalogEntry[] | string> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    return `custom catalog ${path} cannot be read (${(error as Error).message ?? String(error)}); it is ignored.`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `custom catalog ${path} is not valid JSON (${(error as Error).message}); it is ignored.`;
  }
  const result = validator.validate(data);
  if (!result.valid) {
    // The deepest error is the most useful: it names the field, not just "items did not match".
    const deepest = [...result.errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
    return `custom catalog ${path} is invalid at ${deepest.instanceLocation}: ${deepest.error} It is ignored.`;
  }
  return (data as { entries: CatalogEntry[] }).entries.map((e) => ({ ...e, origin: path }));
}
