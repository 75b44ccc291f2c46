import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
const has = (text, codes) => { text = text.toLowerCase(); for (const c of codes) { const k = text.indexOf(c.toLowerCase()); if (k < 0) return false; text = text.slice(0, k) + ' '.repeat(c.length) + text.slice(k + c.length); } return true; };
for (const cls of ['logs', 'bounces']) {
  const dir = `test/fixtures/real/${cls}`;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.expected')) continue;
    const lines = readFileSync(`${dir}/${name.replace(/\.expected$/, '')}`, 'utf8').split('\n');
    const used = new Set(); let changed = false;
    const out = readFileSync(`${dir}/${name}`, 'utf8').split('\n').map((raw) => {
      const l = raw.replace(/#.*/, '').trim(); if (!l) return raw;
      const [n0, rest] = l.split(':'); const n = Number(n0); const codes = rest.trim().split(/\s+/);
      if (has(lines[n - 1] ?? '', codes) && !used.has(n)) { used.add(n); return raw; }
      for (const d of [1, -1, 2, -2, 3, -3, 4, -4]) {
        const m = n + d;
        if (m >= 1 && !used.has(m) && has(lines[m - 1] ?? '', codes)) { used.add(m); changed = true; console.log(`${cls}/${name}: ${n} -> ${m}`); return `${m}: ${codes.join(' ')}`; }
      }
      console.log(`${cls}/${name}: ${n} NOT FOUND ${codes}`); return raw;
    });
    if (changed) writeFileSync(`${dir}/${name}`, out.join('\n'));
  }
}
