#!/usr/bin/env node
// The `tideline` command: builds what is missing or stale (a fresh clone has no dist/ yet), then
// runs the compiled CLI. The exit codes are the CLI's (see `tideline --help`).
import { ensureBuilt } from './ensure-built.js';

try {
  ensureBuilt(process.argv.slice(2));
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { main } = await import('../dist/cli/main.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
