import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

// The dev server proxies the API and the WebSocket to a local Tandem server, so the app's
// same-origin URLs (/api, /collab) work in dev exactly as when apps/server serves dist/.
const serverPort = Number(process.env.TANDEM_SERVER_PORT ?? 8080)
const serverOrigin = `http://127.0.0.1:${serverPort}`

export default defineConfig({
  // Workspace packages are used from their TypeScript sources: no build step in dev.
  resolve: { conditions: ['@tandem/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 20080),
    proxy: {
      '/api': serverOrigin,
      '/health': serverOrigin,
      '/collab': { target: serverOrigin.replace('http', 'ws'), ws: true },
    },
  },
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Tandem',
        short_name: 'Tandem',
        description: 'Write together, online or off.',
        theme_color: '#4f46e5',
        background_color: '#f8fafc',
        display: 'standalone',
        start_url: '/',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // The first visit must already be controlled so that the next load works offline.
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
        // Never answer API or WebSocket requests from the cache.
        navigateFallbackDenylist: [/^\/api\//, /^\/collab/, /^\/health/, /^\/metrics/],
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
})
