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
  const result = validator.validate(data);
  if (!result.valid) {
    // The deepest error is the most useful: it names the field, not just "items did not match".
    const deepest = [...result.errors].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0];
    return `custom catalog ${path} is invalid at ${safeLocation(deepest.instanceLocation)}: ${schemaProblem(deepest.keyword, deepest.error)}. It is ignored.`;
  }
  return (data as { entries: CatalogEntry[] }).entries.map((e) => ({ ...e, origin: path }));
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

/** Field names of the catalog format: the only names from the file a message may repeat. */
const KNOWN = new Set<string>();
(function collect(node: unknown) {
  if (Array.isArray(node)) node.forEach(collect);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) KNOWN.add(name);
      collect(value);
    }
  }
})(schema);

/** A JSON pointer with the file's own keys left out: "#/entries/3/…". */
function safeLocation(pointer: string): string {
  return pointer.split('/').map((segment, i) => (i === 0 || /^\d+$/.test(segment) || KNOWN.has(segment) ? segment : '…')).join('/');
}

function schemaProblem(keyword: string, error: string): string {
  const named = /property "([^"]+)"/i.exec(error)?.[1];
  switch (keyword) {
    case 'required':
      return `the required field ${named && KNOWN.has(named) ? `"${named}" ` : ''}is missing`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'false':
      return 'a field the catalog format does not have';
    case 'type': {
      const expected = /Expected "([a-z]+)"/.exec(error)?.[1];
      return `a value of the wrong type${expected ? ` (${expected} expected)` : ''}`;
    }
    case 'enum':
    case 'const':
      return 'a value that is not one of those allowed';
    case 'pattern':
    case 'format':
      return 'a value that does not have the expected form';
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return 'a value of the wrong size';
    default:
      return `does not follow the catalog format (${keyword})`;
  }
}
