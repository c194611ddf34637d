export { tandemExtensions } from './extensions.js'
export type { TandemExtensionsOptions } from './extensions.js'
