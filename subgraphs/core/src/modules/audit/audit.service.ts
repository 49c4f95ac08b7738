import { paginate, requireRole, timeIdPosition, type Connection, type Identity, type PageArgs } from '@flowgraph/kernel';
import { scopes } from '../../scopes';
import type { AuditEntry } from './audit-entry.entity';
import type { AuditRepository, NewAuditEntry } from './audit.repository';

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

  list(identity: Identity, args: PageArgs): Promise<Connection<AuditEntry>> {
    const caller = requireRole(identity, 'admin', scopes.auditRead);
    return paginate(args, {
      order: 'auditLog:CREATED_AT:DESC',
      keyOf: (e) => [e.createdAt.toISOString(), e.id],
      position: timeIdPosition,
      firstRows: (count) => this.repository.page(caller.orgId, count),
      rowsAfter: (count, position) => this.repository.page(caller.orgId, count, position),
    });
  }
}
