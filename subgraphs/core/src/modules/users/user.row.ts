import type { Platform } from '@mikro-orm/core';
import type { UserProfile } from './user.entity';

/**
 * The `core.users` columns reads select, as `em.execute` returns them (timestamps still Postgres
 * text). The password hash is never selected: only login reads it (`credentialsByEmail`).
 */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  created_at: string;
}

/**
 * A user as reads return it: a plain object, not a managed entity. `me`, `_entities` and every
 * `user` field of the other subgraphs resolve through it (docs/decisions/0026); nothing changes
 * a user it read. Timestamps are parsed by the platform, as `em.map` parses them.
 */
export function userFromRow(row: UserRow, platform: Platform): UserProfile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: platform.parseDate(row.created_at),
  };
}
