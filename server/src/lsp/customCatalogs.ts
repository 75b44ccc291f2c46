// Loads the user's custom catalogs (mailErrorCodes.customCatalogs). A bad file is reported with its path and the
// JSON path of the problem, and left out; the built-in catalog and the other files keep working.
import type { CatalogEntry } from '../core/types';
import { validateCatalog } from '../validateCatalog';

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
  const { entries, problems } = validateCatalog(data);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    return `custom catalog ${path} is invalid at ${problems[0].at}: ${problems[0].message}${more} It is ignored.`;
  }
  return entries.map((e) => ({ ...e, origin: path }));
}
