import { randomUUID } from 'node:crypto';
import { requireUser, type Identity } from '@flowgraph/kernel';
import type { PolicyVersions } from '@flowgraph/contracts';
import type { AuditService } from '../audit/audit.service';
import type { AuthResult, SessionService } from '../auth/session.service';
import type { PolicyAcceptance } from './policy-acceptance.entity';
import type { PolicyAcceptanceRepository } from './policy-acceptance.repository';
import { consentNeedsSession, notTheVersionsInForce, versionProblems, type PolicyVersionsInput } from './policy-consent.errors';

export interface PolicyConsentServiceDeps {
  acceptances: PolicyAcceptanceRepository;
  sessions: SessionService;
  audit: AuditService;
  /** The versions in force (`PRIVACY_POLICY_VERSION`, `TERMS_OF_SERVICE_VERSION`); undefined: none published. */
  current: PolicyVersions | undefined;
}

/** What `policyConsent` answers. */
export interface PolicyConsentView {
  current: PolicyVersions | null;
  accepted: PolicyAcceptance | null;
  required: boolean;
}

const accepts = (row: PolicyAcceptance | null, current: PolicyVersions) =>
  row?.privacyPolicyVersion === current.privacyPolicy && row.termsOfServiceVersion === current.termsOfService;

/**
 * Which privacy policy and terms of service each person accepted, and when. Access tokens carry
 * what the person had accepted when they were issued (`SessionService.issue`); the gateway
 * answers CONSENT_REQUIRED to a token whose versions are not the ones in force (decision 0031).
 */
export class PolicyConsentService {
  constructor(private readonly deps: PolicyConsentServiceDeps) {}

  /** The versions in force and, for a signed-in person, what they accepted last. */
  async consentOf(identity: Identity): Promise<PolicyConsentView> {
    const current = this.deps.current ?? null;
    const person = identity.authMethod === 'jwt' && identity.userId !== undefined;
    const accepted = person ? await this.deps.acceptances.latestForUser(identity.userId!) : null;
    return { current, accepted, required: person && current !== null && !accepts(accepted, current) };
  }

  /** Field errors for the versions a sign-up says it accepted (`acceptedPolicies.…`); none when they are in force. */
  signUpProblems(offered: PolicyVersionsInput) {
    return versionProblems(offered, this.deps.current, 'acceptedPolicies.');
  }

  /**
   * The caller accepts the versions in force (those they were shown: anything else is a
   * VALIDATION_ERROR naming the current ones) and gets tokens that carry them, on the same device
   * chain. Accepting what they already accepted records nothing new and still issues tokens, so
   * another device's stale token is fixed by the same call.
   */
  async accept(identity: Identity, offered: PolicyVersionsInput): Promise<AuthResult> {
    const caller = requireUser(identity);
    if (identity.authMethod !== 'jwt' || !identity.sessionId || !caller.orgId || !caller.role) throw consentNeedsSession();
    const problems = versionProblems(offered, this.deps.current);
    if (problems.length > 0) throw notTheVersionsInForce(problems);
    if (!accepts(await this.deps.acceptances.latestForUser(caller.userId), this.deps.current!))
      await this.record(identity, caller.userId, caller.orgId, offered);
    return this.deps.sessions.rotateInto(identity, caller.orgId, caller.role);
  }

  /** Every acceptance of a person, oldest first (their data export). The request must be scoped to that person. */
  history(userId: string): Promise<PolicyAcceptance[]> {
    return this.deps.acceptances.listForUser(userId);
  }

  /**
   * Records an acceptance and audits it in `orgId`. Sign-up calls it (versions checked with
   * `signUpProblems`) in the new account's scope before the first token is issued, so that token
   * carries them.
   */
  async record(identity: Identity, userId: string, orgId: string, offered: PolicyVersionsInput): Promise<void> {
    const row = await this.deps.acceptances.insert({
      id: randomUUID(),
      userId,
      privacyPolicyVersion: offered.privacyPolicyVersion,
      termsOfServiceVersion: offered.termsOfServiceVersion,
      acceptedAt: new Date(),
      ip: identity.ip ?? null,
      userAgent: identity.userAgent ?? null,
    });
    await this.deps.audit.record({
      orgId,
      actorId: userId,
      action: 'policy.accepted',
      targetType: 'user',
      targetId: userId,
      ip: identity.ip,
      metadata: {
        acceptanceId: row.id,
        privacyPolicyVersion: row.privacyPolicyVersion,
        termsOfServiceVersion: row.termsOfServiceVersion,
      },
    });
  }
}
