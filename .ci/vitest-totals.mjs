// Prints the closing `N passed, N failed` line from vitest JSON reports given as arguments.
// Counts are summed over the reports: each run (one per Node version) counts its own tests, so a
// test that fails on only one Node version shows up as one failure. A run that left no readable
// report (it crashed before reporting) counts as one failure, so the line never reads as clean.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  } catch (error) {
    console.error(`no usable vitest report in ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
