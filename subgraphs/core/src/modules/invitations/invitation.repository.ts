import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, type Role, type TimeIdPosition } from '@flowgraph/kernel';
import { InvitationEntity, type Invitation } from './invitation.entity';

/** What the token lookup returns (before the invitation's organization is the request's scope). */
export interface InvitationByToken {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** Invitation queries. RLS shows the current organization's invitations only. */
export class InvitationRepository {
  constructor(private readonly em: EntityManager) {}

  /** By token hash, whatever the organization: a SECURITY DEFINER function (see the invitations migration). */
  async findByTokenHash(hash: string): Promise<InvitationByToken | null> {
    const rows = await this.em.execute<Record<string, unknown>[]>('select * from core.invitation_by_token_hash(?)', [hash]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: String(row.id),
      orgId: String(row.org_id),
      email: String(row.email),
      role: row.role as Role,
      expiresAt: new Date(row.expires_at as string),
      acceptedAt: row.accepted_at ? new Date(row.accepted_at as string) : null,
      revokedAt: row.revoked_at ? new Date(row.revoked_at as string) : null,
    };
  }

  /** A page of pending (not accepted, revoked or expired) invitations, newest first, after a `(createdAt, id)` position. */
  pagePending(orgId: string, limit: number, after?: TimeIdPosition): Promise<Invitation[]> {
    const where = after ? before(after) : {};
    return this.em.find(
      InvitationEntity,
      { orgId, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() }, ...where },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit },
    );
  }

  findInOrg(orgId: string, id: string): Promise<Invitation | null> {
    return isUuid(id) ? this.em.findOne(InvitationEntity, { id, orgId }) : Promise.resolve(null);
  }

  /** Revokes the email's pending invitations (a new one replaces them); returns their ids. */
  async revokePending(orgId: string, email: string): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update core.invitations set revoked_at = now()
       where org_id = ? and lower(email) = lower(?) and accepted_at is null and revoked_at is null and expires_at > now()
       returning id`,
      [orgId, email],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Marks an invitation accepted if it is still pending: the row lock makes a second, concurrent
   * use of the token (or a revocation racing it) see it taken and report 0 rows.
   */
  async claim(id: string, userId: string): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update core.invitations set accepted_at = now(), accepted_by = ?
       where id = ? and accepted_at is null and revoked_at is null and expires_at > now() returning id`,
      [userId, id],
    );
    return rows.length === 1;
  }

  create(input: { orgId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date }): Invitation {
    return this.em.create(InvitationEntity, {
      id: crypto.randomUUID(),
      ...input,
      createdAt: new Date(),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}

function before({ at, id }: TimeIdPosition) {
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] };
}
