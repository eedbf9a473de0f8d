#!/usr/bin/env node
'use strict';
// `memegraph ... | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (err) => { if (err.code === 'EPIPE') process.exit(0); throw err; });
// Thin launcher: the command lives in the compiled CLI (apps/cli/dist).
require('../dist/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`memegraph: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
