import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources in tests (the "@tandem/source"
// export condition), so tests never run against stale dist/ output.
const resolve = { conditions: ['@tandem/source'] }

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['@tandem/source'], externalConditions: ['@tandem/source'] } },
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/server/**/*.test.ts',
            'apps/example-host/test/**/*.test.ts',
            'apps/bench/src/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['packages/*/src/**/*.test.tsx', 'apps/web/src/**/*.test.tsx'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
        },
      },
    ],
  },
})
