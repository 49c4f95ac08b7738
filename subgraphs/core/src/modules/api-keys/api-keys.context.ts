import type { RequestContext } from '@flowgraph/kernel';
import type { AuditService } from '../audit/audit.service';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';

/** The API keys module's share of a request context. */
export function createApiKeysContext(base: Pick<RequestContext, 'em'>, shares: { audit: AuditService }): { service: ApiKeyService } {
  return { service: new ApiKeyService(new ApiKeyRepository(base.em), shares.audit) };
}
