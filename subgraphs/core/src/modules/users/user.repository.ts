import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import { UserEntity, type User, type UserProfile } from './user.entity';
import { userFromRow, type UserRow } from './user.row';

/**
 * User queries. RLS shows the caller and the members of the current organization only. Reads
 * return plain objects (`userFromRow`) in the request's transaction; nothing changes a user it read.
 */
export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  async findByIds(ids: readonly string[]): Promise<UserProfile[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.em.execute<UserRow[]>('select id, email, name, created_at from core.users where id in (?)', [valid]);
    return rows.map((row) => userFromRow(row, this.em.getPlatform()));
  }

  /** Login lookup before anyone is known: a SECURITY DEFINER function (see the identity migration). */
  async credentialsByEmail(email: string): Promise<{ id: string; passwordHash: string } | null> {
    const rows = await this.em.execute<{ id: string; password_hash: string }[]>(
      'select id, password_hash from core.credentials_by_email(?)',
      [email],
    );
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
  }

  /** Finds any user by email (signUp refuses a taken address). */
  async idByEmail(email: string): Promise<string | null> {
    const rows = await this.em.execute<{ id: string | null }[]>('select core.user_id_by_email(?) as id', [email]);
    return rows[0]?.id ?? null;
  }

  /** The organization the user acted in last (logIn lands there); the user must be the scope's. */
  async lastOrganizationId(userId: string): Promise<string | null> {
    const rows = await this.em.execute<{ last_org_id: string | null }[]>('select last_org_id from core.users where id = ?', [userId]);
    return rows[0]?.last_org_id ?? null;
  }

  /** Records where the user acts now (every token issue: sign-up, logIn, refresh, switch, accepting an invitation). */
  async recordLastOrganization(userId: string, orgId: string): Promise<void> {
    await this.em.execute('update core.users set last_org_id = ? where id = ? and last_org_id is distinct from ?', [orgId, userId, orgId]);
  }

  create(input: { id: string; email: string; name: string; passwordHash: string }): User {
    return this.em.create(UserEntity, { ...input, createdAt: new Date() });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
