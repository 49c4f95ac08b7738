import { z } from 'zod';

/**
 * The privacy policy and terms of service in force, named by version: Core records which ones a
 * person accepted and labels their access tokens with it; the gateway compares that label with
 * the versions it is configured with. Both read the same two settings, defined here once.
 */
export interface PolicyVersions {
  privacyPolicy: string;
  termsOfService: string;
}

const version = z
  .string()
  .trim()
  .regex(/^[\w.:-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, colons, dashes or underscores')
  .optional();

/**
 * `PRIVACY_POLICY_VERSION` and `TERMS_OF_SERVICE_VERSION` (e.g. `2026-01` or `3`). Both unset:
 * no policy is published (local development, tests) and nobody is asked to accept one. Set
 * both, or neither.
 */
export const policyVersionsShape = {
  PRIVACY_POLICY_VERSION: version,
  TERMS_OF_SERVICE_VERSION: version,
};

/** The versions in force from loaded settings, or `undefined` when none are published; throws when only one is set. */
export function policyVersionsOf(config: {
  PRIVACY_POLICY_VERSION?: string;
  TERMS_OF_SERVICE_VERSION?: string;
}): PolicyVersions | undefined {
  const { PRIVACY_POLICY_VERSION: privacyPolicy, TERMS_OF_SERVICE_VERSION: termsOfService } = config;
  if (privacyPolicy === undefined && termsOfService === undefined) return undefined;
  if (privacyPolicy === undefined || termsOfService === undefined)
    throw new Error('PRIVACY_POLICY_VERSION and TERMS_OF_SERVICE_VERSION must be set together');
  return { privacyPolicy, termsOfService };
}

/**
 * The access token's `consent` claim for accepted versions. The gateway lets a token through
 * only when its label equals the label of the versions in force (versions cannot contain the
 * separator, so two pairs never share a label).
 */
export function consentLabel(versions: PolicyVersions): string {
  return `${versions.privacyPolicy}/${versions.termsOfService}`;
}
