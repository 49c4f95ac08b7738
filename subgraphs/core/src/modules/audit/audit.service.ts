import { pageSize, requireRole, toConnection, type Connection, type Identity } from '@flowgraph/kernel';
import { scopes } from '../../scopes';
import type { AuditEntry } from './audit-entry.entity';
import type { AuditRepository, NewAuditEntry } from './audit.repository';

const cursorOf = (e: AuditEntry) => [e.createdAt.toISOString(), e.id];

/**
 * Writes audit entries in the request's transaction (so an entry exists exactly when its change
 * does) and lists them for admins. There is deliberately no update or delete.
 */
export class AuditService {
  /** `requestId`: the request's, stamped on every entry it records. */
  constructor(
    private readonly repository: AuditRepository,
    private readonly requestId?: string,
  ) {}

  record(entry: NewAuditEntry): Promise<void> {
    return this.repository.insert({ requestId: this.requestId, ...entry });
  }

  async list(identity: Identity, args: { first?: number | null; after?: string | null }): Promise<Connection<AuditEntry>> {
    const caller = requireRole(identity, 'admin', scopes.auditRead);
    const limit = pageSize(args.first);
    const rows = await this.repository.page(caller.orgId, limit + 1, args.after);
    return toConnection(rows, limit, cursorOf, Boolean(args.after));
  }
}
