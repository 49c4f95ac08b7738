import type { PolicyVersions } from '@flowgraph/contracts';
import type { RequestContext } from '@flowgraph/kernel';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import { PolicyAcceptanceRepository } from './policy-acceptance.repository';
import { PolicyConsentService } from './policy-consent.service';

/** Process-wide: the versions in force, from Core's settings (undefined: none published). */
export interface PolicyConsentModuleDeps {
  current: PolicyVersions | undefined;
}

/** A request's acceptances, made before the sessions' share: sessions label tokens with them. */
export function createPolicyAcceptances(base: Pick<RequestContext, 'em'>): PolicyAcceptanceRepository {
  return new PolicyAcceptanceRepository(base.em);
}

/** The policy-consent module's share of a request context (its repository is made earlier: sessions label tokens with it). */
export function createPolicyConsentContext(
  deps: PolicyConsentModuleDeps,
  shares: { acceptances: PolicyAcceptanceRepository; sessions: SessionService; audit: AuditService },
): { service: PolicyConsentService } {
  return { service: new PolicyConsentService({ current: deps.current, ...shares }) };
}
