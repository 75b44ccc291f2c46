// Loads the user's custom catalogs (mailErrorCodes.customCatalogs). A bad file is reported with its path and the
// JSON path of the problem, and left out; the built-in catalog and the other files keep working.
import type { CatalogEntry } from '../core/types';
import { shownSafely, validateCatalog } from '../validateCatalog';

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
    return `custom catalog ${path} cannot be read (${readProblem(error)}); it is ignored.`;
  }
  // Nothing of the file's content is quoted back (it may be any file, and this message is shown on screen): only
  // where the problem is, and what kind of problem it is.
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `custom catalog ${path} is not valid JSON${jsonPosition(text, error)}; it is ignored.`;
  }
  const { entries, problems } = validateCatalog(data);
  if (problems.length) {
    // The deepest problem is the most useful: it names the field, not just the entry.
    const first = shownSafely([...problems].sort((a, b) => b.at.split('/').length - a.at.split('/').length)[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: npx mail-error-codes catalog validate lists them)` : '';
    return `custom catalog ${path} is invalid at ${first.at}: ${first.message}${more}. It is ignored.`;
  }
  return entries.map((e) => ({ ...e, origin: path }));
}

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTFILE: 'not a regular file',
  EFBIG: 'too large for a catalog',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function readProblem(error: unknown): string {
  const code = (error as { code?: string })?.code;
  return (code && READ_PROBLEMS[code]) ?? (code ? `error ${code}` : 'read error');
}

/** " at line L, column C" when the parser says where (never the text around it). */
function jsonPosition(text: string, error: unknown): string {
  const position = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return ` (at line ${line}, column ${Number(position) - before.lastIndexOf('\n')})`;
}
