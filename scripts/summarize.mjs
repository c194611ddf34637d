// Prints the closing line of a test run, 'N passed, N failed', from the JSON reports that
// Vitest and Playwright wrote (paths as arguments; a missing report counts as a failure).
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
for (const path of process.argv.slice(2)) {
  let report
  try {
    report = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    console.error(`[summary] no readable report at ${path}: ${error.message}`)
    failed += 1
    continue
  }
  if (typeof report.numPassedTests === 'number') {
    // Vitest
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + report.numTodoTests
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected + report.stats.flaky
    failed += report.stats.unexpected
    skipped += report.stats.skipped
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
