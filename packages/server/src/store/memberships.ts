import { isRole, type Role } from '@tandem/schema'
import type { SqliteDatabase } from './sqlite-database.js'

/** The server's own per-document roles (the bundled app; embedders use token claims instead). */
export interface Memberships {
  /** The role recorded for `userId` on `doc`, if any. */
  roleOf(doc: string, userId: string): Promise<Role | undefined>
  /** Records `role` for `userId` on `doc`, replacing an earlier one. */
  setRole(doc: string, userId: string, role: Role): Promise<void>
  /** Records `userId` as owner of `doc` if nobody is a member yet (the creator/first writer). */
  claimOwnerIfUnowned(doc: string, userId: string): Promise<boolean>
}

/** {@link Memberships} in the SQLite database. */
export class SqliteMemberships implements Memberships {
  constructor(private readonly database: SqliteDatabase) {}

  async roleOf(doc: string, userId: string): Promise<Role | undefined> {
    const row = await this.database.reader.get<{ role: string }>(
      'SELECT role FROM memberships WHERE doc = ? AND user_id = ?',
      [doc, userId],
    )
    return isRole(row?.role) ? row.role : undefined
  }

  async setRole(doc: string, userId: string, role: Role): Promise<void> {
    await this.database.transaction((db) =>
      db.run(
        `INSERT INTO memberships (doc, user_id, role) VALUES (?, ?, ?)
         ON CONFLICT (doc, user_id) DO UPDATE SET role = excluded.role`,
        [doc, userId, role],
      ),
    )
  }

  async claimOwnerIfUnowned(doc: string, userId: string): Promise<boolean> {
    const { changes } = await this.database.transaction((db) =>
      db.run(
        `INSERT INTO memberships (doc, user_id, role)
         SELECT ?1, ?2, 'owner' WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE doc = ?1)`,
        [doc, userId],
      ),
    )
    return changes > 0
  }
}
