import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@tandem/editor/style.css'
import './styles.css'
import './testHook.js'
import { App } from './App.js'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
