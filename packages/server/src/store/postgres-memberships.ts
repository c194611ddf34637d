import { isRole, type Role } from '@tandem/schema'
import type { Memberships } from './memberships.js'
import type { PostgresDatabase } from './postgres-database.js'

/** {@link Memberships} in the shared Postgres database (every instance sees the same roles). */
export class PostgresMemberships implements Memberships {
  constructor(private readonly database: PostgresDatabase) {}

  async roleOf(doc: string, userId: string): Promise<Role | undefined> {
    const { rows } = await this.database.pool.query<{ role: string }>(
      'SELECT role FROM memberships WHERE doc = $1 AND user_id = $2',
      [doc, userId],
    )
    const role = rows[0]?.role
    return isRole(role) ? role : undefined
  }

  async setRole(doc: string, userId: string, role: Role): Promise<void> {
    await this.database.pool.query(
      `INSERT INTO memberships (doc, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (doc, user_id) DO UPDATE SET role = excluded.role`,
      [doc, userId, role],
    )
  }

  async claimOwnerIfUnowned(doc: string, userId: string): Promise<boolean> {
    // Two instances may claim a new document for two users at once. The advisory lock orders
    // the claims, and each INSERT's NOT EXISTS (a fresh snapshot per statement in READ
    // COMMITTED) then sees the winner's committed row: a document never gets two owners.
    return this.database.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `tandem:owner:${doc}`,
      ])
      const { rowCount } = await client.query(
        `INSERT INTO memberships (doc, user_id, role)
         SELECT $1, $2, 'owner' WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE doc = $1)`,
        [doc, userId],
      )
      return (rowCount ?? 0) > 0
    })
  }
}
