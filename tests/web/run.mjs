// Runs the browser tests (node:test), or skips them with the reason when chromium or
// node_modules is missing (exit code 77, which ctest reports as skipped) — unless
// PUPITRE_REQUIRE_WEB_TESTS=1 (the README's test command, which installs both): then a missing
// prerequisite fails the test instead of hiding it.
import {spawnSync} from 'node:child_process';
import {missingPrerequisite} from './support/stack.mjs';

const missing = missingPrerequisite();
if (missing) {
  const required = process.env.PUPITRE_REQUIRE_WEB_TESTS === '1';
  console.log(`${required ? 'Cannot run' : 'Skipping'} the browser tests: ${missing}.`);
  process.exit(required ? 1 : 77);
}
const files = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec',
  ...(files.length ? files : ['cases/'])], {stdio: 'inherit', cwd: import.meta.dirname});
process.exit(result.status ?? 1);
