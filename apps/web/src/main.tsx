import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { registerSW } from 'virtual:pwa-register'
import '@tandem/editor/style.css'
import '@tandem/editor/comments.css'
import './styles.css'
import { App } from './App.js'

// The service worker precaches the app shell so the next load works with no network.
registerSW({
  immediate: true,
  onRegisterError: (error: unknown) => console.warn('tandem: offline support unavailable', error),
})

// Offline copies live in IndexedDB, which the browser may evict under storage pressure unless
// the origin's storage is persistent. Chromium decides silently (no prompt); a refusal leaves
// things as they were, so it is only logged.
navigator.storage
  ?.persist?.()
  .then((granted) => {
    if (!granted)
      console.info('tandem: storage is best-effort; the browser may evict offline copies')
  })
  .catch((error: unknown) => console.warn('tandem: could not ask for persistent storage', error))

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
