import { createContext, useContext, type ReactNode } from 'react'
import type { TandemClient } from '@tandem/client'

const ClientContext = createContext<TandemClient | null>(null)

/** Props of {@link TandemProvider}. */
export interface TandemProviderProps {
  /** The client every hook below this provider uses; create it once (e.g. per signed-in user). */
  client: TandemClient
  children?: ReactNode
}

/** Makes a {@link TandemClient} available to the hooks of this package. */
export function TandemProvider({ client, children }: TandemProviderProps) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

/** The client of the nearest {@link TandemProvider}; throws when there is none. */
export function useClient(): TandemClient {
  const client = useContext(ClientContext)
  // A hook used outside its provider is a programming error, not an expected failure.
  if (!client) throw new Error('useClient(): no <TandemProvider client={...}> above this component')
  return client
}
