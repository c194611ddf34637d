import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { registerSW } from 'virtual:pwa-register'
import '@tandem/editor/style.css'
import './styles.css'
import { App } from './App.js'

// The service worker precaches the app shell so the next load works with no network.
registerSW({
  immediate: true,
  onRegisterError: (error: unknown) => console.warn('tandem: offline support unavailable', error),
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
