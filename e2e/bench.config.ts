import { defineConfig } from '@playwright/test'
import base from './playwright.config.js'

// The whiteboard frame-time benchmark (not a test: it measures and writes docs/BENCHMARKS.md).
// Same browser set-up as the e2e tests; one worker so nothing else competes for the CPU.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: /\.bench\.ts$/,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  outputDir: `./test-results/bench-${process.env.TANDEM_E2E_RUN}`,
})
