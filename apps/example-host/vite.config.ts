import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'

// `pnpm dev` proxies the API to the host backend (`pnpm serve`, PORT 3000). In this workspace
// the Tandem packages are used from their sources; an outside app installs them from npm.
const backend = `http://127.0.0.1:${process.env.HOST_BACKEND_PORT ?? 3000}`

export default defineConfig({
  resolve: { conditions: ['@tandem/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 3001, proxy: { '/api': backend } },
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
  plugins: [react()],
})
