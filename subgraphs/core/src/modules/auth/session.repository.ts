import type { EntityManager } from '@mikro-orm/postgresql';
import { validUuids } from '@flowgraph/kernel';
import { SessionEntity, type Session } from './session.entity';

/** What the refresh-token lookup returns (before the user is known, so via a SECURITY DEFINER function). */
export interface RefreshTokenRow {
  id: string;
  userId: string;
  orgId: string;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedBy: string | null;
}

export interface NewSession {
  id: string;
  userId: string;
  orgId: string;
  familyId: string;
  refreshTokenHash: string;
  userAgent?: string | null;
  ip?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Session queries. RLS shows a user their own sessions only. */
export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async findByRefreshHash(hash: string): Promise<RefreshTokenRow | null> {
    const rows = await this.em.execute<Record<string, unknown>[]>('select * from core.session_by_refresh_hash(?)', [hash]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: String(row.id),
      userId: String(row.user_id),
      orgId: String(row.org_id),
      familyId: String(row.family_id),
      createdAt: new Date(row.created_at as string),
      expiresAt: new Date(row.expires_at as string),
      revokedAt: row.revoked_at ? new Date(row.revoked_at as string) : null,
      replacedBy: (row.replaced_by as string | null) ?? null,
    };
  }

  findByIds(ids: readonly string[]): Promise<Session[]> {
    const valid = validUuids(ids);
    return valid.length === 0 ? Promise.resolve([]) : this.em.find(SessionEntity, { id: { $in: valid } });
  }

  findOwn(userId: string, id: string): Promise<Session | null> {
    return validUuids([id]).length ? this.em.findOne(SessionEntity, { id, userId }) : Promise.resolve(null);
  }

  /** The live (unused, unrevoked, unexpired) token of each of a user's devices, most recently used first. */
  findLiveByUser(userId: string): Promise<Session[]> {
    return this.em.find(
      SessionEntity,
      { userId, revokedAt: null, replacedBy: null, expiresAt: { $gt: new Date() } },
      { orderBy: { lastUsedAt: 'desc', id: 'desc' } },
    );
  }

  findLiveInFamily(userId: string, familyId: string): Promise<Session | null> {
    return this.em.findOne(SessionEntity, { userId, familyId, revokedAt: null, replacedBy: null, expiresAt: { $gt: new Date() } });
  }

  /**
   * Marks a token used, if nobody used it first: the row lock makes a concurrent second
   * refresh of the same token see `replaced_by` set and report 0 rows (treated as reuse).
   */
  async claim(id: string, replacedBy: string): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update core.sessions set replaced_by = ?, last_used_at = now()
       where id = ? and replaced_by is null and revoked_at is null returning id`,
      [replacedBy, id],
    );
    return rows.length === 1;
  }

  /** Revokes every token of a family; returns all its ids (old access tokens may name any of them). */
  async revokeFamily(familyId: string): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update core.sessions set revoked_at = coalesce(revoked_at, now()) where family_id = ? returning id`,
      [familyId],
    );
    return rows.map((r) => r.id);
  }

  async insert(session: NewSession): Promise<Session> {
    const entity = this.em.create(SessionEntity, { ...session, lastUsedAt: new Date(), revokedAt: null, replacedBy: null });
    await this.em.flush();
    return entity;
  }
}
