// Builds everything that runs: the compiled catalog and the esbuild bundles (client, Node server, browser server, CLI).
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCatalog } from './compile-catalog.mjs';

const root = new URL('..', import.meta.url).pathname;
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const started = performance.now();
let compiled;
try {
  compiled = compileCatalog(root);
} catch (error) {
  console.error(error.message); // the problems, each with its file and JSON path: a stack trace would add nothing
  process.exit(1);
}
mkdirSync(join(root, 'dist'), { recursive: true });
const catalogJson = JSON.stringify(compiled);
writeFileSync(join(root, 'dist/catalog.json'), catalogJson);

// `import catalog from 'catalog:compiled'` gives every bundle the validated built-in catalog; it is embedded as a
// JSON string because JSON.parse is much faster than evaluating the same data as a JavaScript literal.
export const catalogPlugin = {
  name: 'compiled-catalog',
  setup(build) {
    build.onResolve({ filter: /^catalog:compiled$/ }, () => ({ path: 'catalog', namespace: 'catalog' }));
    build.onLoad({ filter: /.*/, namespace: 'catalog' }, () => ({
      contents: `export default JSON.parse(${JSON.stringify(catalogJson)});`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [catalogPlugin],
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const browser = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

export const builds = [
  { ...node, entryPoints: { 'client/node': 'client/src/node.ts' }, external: ['vscode'] },
  { ...browser, format: 'cjs', entryPoints: { 'client/browser': 'client/src/browser.ts' }, external: ['vscode'] },
  { ...node, entryPoints: { 'server/node': 'server/src/node.ts' } },
  { ...browser, format: 'iife', entryPoints: { 'server/browser': 'server/src/browser.ts' } },
  { ...node, entryPoints: { cli: 'server/src/cli/main.ts' } },
  // The mail log report's page: the editor's webview and the command line's HTML file load the same script and style.
  { ...browser, format: 'iife', sourcemap: false, minify: true, entryPoints: { 'report/view': 'client/src/report/view/main.ts' } },
  { ...browser, sourcemap: false, minify: true, entryPoints: { 'report/view': 'client/src/report/view/view.css' } },
];

const present = builds.filter((b) => Object.values(b.entryPoints).every((p) => existsSync(join(root, p))));
const options = present.map((b) => ({ ...b, absWorkingDir: root, outdir: join(root, 'dist') }));
// Imported by the test runner for its plugin: build only when run as the script.
const isMain = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (!isMain) {
  // nothing
} else if (watch) {
  for (const o of options) await (await esbuild.context(o)).watch();
} else {
  await Promise.all(options.map((o) => esbuild.build(o)));
  console.log(`built ${present.length} bundles and the catalog (${compiled.entries.length} entries, ${catalogJson.length} bytes) in ${Math.round(performance.now() - started)} ms`);
}
