const root = process.cwd() + '/';
const { generateLog } = await import(root + 'scripts/generate-log.mjs');
const text = generateLog(20e6, 42);
const A = /(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))/g;
const B = /(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)(?=[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))[0-9]/g;
const C = /(?=[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)[0-9]/g;
const D = /[0-9](?<=(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)[0-9])(?:(?<=[2-5])[0-9]{2}(?![0-9])|(?<=[245])\.[0-7]\.[0-9]|(?<=0)[xX\u00d7][89a-fA-F]|(?<=8)00[0-9a-fA-F]{5}(?![0-9A-Za-z]))/g;
const cpu = (f) => { const c = process.cpuUsage(); const n = f(); const d = process.cpuUsage(c); return [n, ((d.user + d.system) / 1000).toFixed(0)]; };
for (let r = 0; r < 3; r++) {
  console.log('exec A', cpu(() => { let n = 0; A.lastIndex = 0; while (A.exec(text)) n++; return n; }));
  console.log('test B', cpu(() => { let n = 0; B.lastIndex = 0; while (B.test(text)) n++; return n; }));
  console.log('test C', cpu(() => { let n = 0; C.lastIndex = 0; while (C.test(text)) n++; return n; }));
  console.log('exec D', cpu(() => { let n = 0; D.lastIndex = 0; while (D.exec(text)) n++; return n; }));
}
