import type { RequestContext } from '@flowgraph/kernel';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit module's share of a request context; the other modules record through its service. */
export function createAuditContext(base: Pick<RequestContext, 'em' | 'requestId'>): { service: AuditService } {
  return { service: new AuditService(new AuditRepository(base.em), base.requestId) };
}
