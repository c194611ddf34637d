/** The one workspace of the bundled app (ARCHITECTURE.md: `workspace:<id>`). */
export const WORKSPACE_ID = 'main'

/** The collaboration WebSocket of the server this page came from: ws(s)://host/collab. */
export function collabUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${loc.host}/collab`
}
