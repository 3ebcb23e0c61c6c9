#!/usr/bin/env node
// `npm run bench` builds first; this runs the compiled benchmark (src/bench → dist/bench).
require('../dist/bench/main.js')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
