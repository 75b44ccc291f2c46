const root = process.cwd() + '/';
const { generateLog } = await import(root + 'scripts/generate-log.mjs');
const text = generateLog(20e6, 42);
const variants = {
  old: /(?<![\w.])(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7]8|800[cC47])/g,
  cur: /(?<!(?<!\\)[A-Za-z0-9.]|[A-Za-z._]_)(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))/g,
  simpleLb: /(?<![A-Za-z0-9.])(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))/g,
  firstThen: /(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7][89a-fA-F]|800[0-9a-fA-F]{5}(?![0-9A-Za-z]))/g,
};
for (let r = 0; r < 2; r++) for (const [k, re] of Object.entries(variants)) {
  let n = 0; const t = performance.now(); re.lastIndex = 0; while (re.exec(text)) n++;
  console.log(k, n, (performance.now() - t).toFixed(0));
}
