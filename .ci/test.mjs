// `npm test`: builds, type-checks, lints and tests every workspace package through Nx, then prints
// one total over all vitest reports, so a run that executed no test cannot pass unnoticed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };
const run = (command, args) =>
  spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;

const steps = [
  ['prettier', ['--check', '.', '--log-level', 'warn']],
  [
    'nx',
    [
      'run-many',
      '-t',
      'build',
      'typecheck',
      'lint',
      'test',
      '--output-style=static',
      ...process.argv.slice(2),
    ],
  ],
];
let failedStep;
for (const [command, args] of steps) {
  if (run(command, args) !== 0) {
    failedStep = `${command} ${args[0]}`;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
// Named again at the very end, because a CI log is often read from its tail.
const failures = [];
if (existsSync(results)) {
  for (const file of readdirSync(results).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const testFile of report.testResults ?? []) {
      const where = testFile.name?.startsWith(root)
        ? testFile.name.slice(root.length)
        : testFile.name;
      const failedTests = (testFile.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const test of failedTests) {
        failures.push(`${where} > ${test.fullName}\n    ${firstLine(test.failureMessages?.[0])}`);
      }
      if (testFile.status === 'failed' && failedTests.length === 0) {
        failures.push(`${where}\n    ${firstLine(testFile.message)}`);
      }
    }
  }
}
function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}
if (failures.length > 0)
  console.error(`\nFailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (failedStep) console.error(`\nFailed: ${failedStep}`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep || failed > 0 || passed === 0 ? 1 : 0);
