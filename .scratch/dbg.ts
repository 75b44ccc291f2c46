import { analyze } from '../server/src/core/analyze';
import { parseMessage } from '../server/src/core/dsn/mime';
import { catalog } from '../test/helpers';
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const show = (p: any, d = 0) => { console.log(' '.repeat(d * 2) + p.contentType, p.headerStart, p.bodyStart, p.bodyEnd); for (const c of p.children) show(c, d + 1); };
if (file.endsWith('.eml')) show(parseMessage(text));
for (const f of analyze(text, catalog, file.endsWith('.eml') ? { message: true } : {})) {
  const line = text.slice(0, f.start).split('\n').length;
  console.log(line, f.family, f.code, f.rule);
}
