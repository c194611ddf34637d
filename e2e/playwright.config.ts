import { defineConfig } from '@playwright/test'

// Debian's chromium: Playwright cannot download browsers on this machine. The flags keep it
// from calling home and from using QUIC, which the offline emulation does not cover.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// One output dir per run: two runs at once (several people on one checkout) would otherwise
// delete each other's traces. Set in the main process; workers inherit it with the env.
process.env.TANDEM_E2E_RUN ??= `${Date.now()}-${process.pid}`

export default defineConfig({
  testDir: './tests',
  // Each test starts its own server (a child process) and two browser contexts at most.
  workers: 2,
  fullyParallel: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  // One retry in CI: real browsers, a real server and real timers on a 2-core machine. A test
  // that needed it is reported as flaky in the run's output, never hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: `./test-results/${process.env.TANDEM_E2E_RUN}`,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
})
