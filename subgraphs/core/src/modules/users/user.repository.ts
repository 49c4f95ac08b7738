import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import { UserEntity, type User } from './user.entity';

/** User queries. RLS shows the caller and the members of the current organization only. */
export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  findByIds(ids: readonly string[]): Promise<User[]> {
    const valid = validUuids(ids);
    return valid.length === 0 ? Promise.resolve([]) : this.em.find(UserEntity, { id: { $in: valid } });
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
