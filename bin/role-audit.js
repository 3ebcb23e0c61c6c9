#!/usr/bin/env node
require('../dist/cli/main.js')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`role-audit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
