#!/usr/bin/env node
'use strict';
// Thin launcher: the command lives in the compiled CLI (apps/cli/dist).
require('../dist/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`memegraph: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
