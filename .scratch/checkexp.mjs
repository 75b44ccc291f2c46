import { readFileSync, readdirSync } from 'node:fs';
for (const cls of ['logs', 'bounces', 'nonmail']) {
  const dir = `test/fixtures/real/${cls}`;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.expected')) continue;
    const lines = readFileSync(`${dir}/${name.replace(/\.expected$/, '')}`, 'utf8').split('\n');
    for (const raw of readFileSync(`${dir}/${name}`, 'utf8').split('\n')) {
      const l = raw.replace(/#.*/, '').trim(); if (!l) continue;
      const [n, rest] = l.split(':');
      let text = (lines[Number(n) - 1] ?? '').toLowerCase();
      for (const c of rest.trim().split(/\s+/)) {
        const k = text.indexOf(c.toLowerCase().replace(/^0x/, ''));
        if (k < 0) console.log(`${cls}/${name}:${n} ${c} not on line: ${lines[Number(n) - 1]?.slice(0, 100)}`);
        else text = text.slice(0, k) + ' '.repeat(c.length) + text.slice(k + c.length);
      }
    }
  }
}
