import type { PolicyVersions } from '@flowgraph/contracts';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { PolicyAcceptanceRepository } from './policy-acceptance.repository';
import { PolicyConsentService } from './policy-consent.service';

/** Process-wide: the versions in force, from Core's settings (undefined: none published). */
export interface PolicyConsentModuleDeps {
  current: PolicyVersions | undefined;
}

/** The policy-consent module's share of a request context (its repository is made earlier: sessions label tokens with it). */
export function createPolicyConsentContext(
  deps: PolicyConsentModuleDeps,
  shares: { acceptances: PolicyAcceptanceRepository; sessions: SessionService; audit: AuditService },
): { service: PolicyConsentService } {
  return { service: new PolicyConsentService({ current: deps.current, ...shares }) };
}
