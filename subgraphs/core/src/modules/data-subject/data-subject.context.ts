import type { RequestContext, Redis } from '@flowgraph/kernel';
import type { AuditService } from '../audit/audit.service';
import { DataSubjectRepository } from './data-subject.repository';
import { DataSubjectService } from './data-subject.service';

/** Process-wide pieces: Redis (access ends at once) and the queue the requests' jobs go to. */
export interface DataSubjectModuleDeps {
  redis: Redis;
  redisPrefix: string;
  /** IDENTITY_SECRET: signs export download links. */
  linkSecret: string;
  enqueue: (requestId: string) => Promise<unknown>;
}

/** The data-subject module's share of a request context. */
export function createDataSubjectContext(base: RequestContext, deps: DataSubjectModuleDeps, shares: { audit: AuditService }) {
  const service = new DataSubjectService({
    em: base.em,
    repository: new DataSubjectRepository(base.em),
    audit: shares.audit,
    redis: deps.redis,
    redisPrefix: deps.redisPrefix,
    enqueue: (requestId) => base.afterCommit(() => deps.enqueue(requestId)),
  });
  return { service, linkSecret: deps.linkSecret };
}
