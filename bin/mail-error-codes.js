#!/usr/bin/env node
'use strict';
// The command-line tool is a bundle built from server/src/cli (npm install builds it, through `prepare`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`mail-error-codes: not built yet (${cli} is missing). Run \`npm install\` or \`npm run build\` in ${join(__dirname, '..')}.\n`);
  process.exit(2);
}
require(cli);
