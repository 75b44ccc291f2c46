import * as esbuild from 'esbuild';
const root = '/work/wt/i10-recognition/';
const { catalogPlugin } = await import(root + 'scripts/build.mjs');
await esbuild.build({ entryPoints: ['.scratch/dbg.ts'], outfile: '/tmp/dbg.js', bundle: true, platform: 'node', format: 'cjs', plugins: [catalogPlugin], logLevel: 'warning', absWorkingDir: root, nodePaths: [root + 'node_modules'] });
