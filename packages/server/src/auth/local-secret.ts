import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** File name of the local-mode secret inside the data dir. */
export const LOCAL_SECRET_FILE = 'jwt-secret'

/**
 * The local-mode HS256 secret: read from `<dataDir>/jwt-secret`, or created there (32 random
 * bytes, mode 0600) on first start, so guest tokens stay valid across restarts.
 */
export async function loadOrCreateLocalSecret(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, LOCAL_SECRET_FILE)
  await mkdir(dataDir, { recursive: true })
  try {
    // 'wx' fails when the file exists, so two servers starting at once never overwrite each other.
    await writeFile(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const secret = (await readFile(file, 'utf8')).trim()
  if (secret.length < 16)
    throw new Error(`${file} holds no usable secret (delete it to create a new one)`)
  return new TextEncoder().encode(secret)
}
