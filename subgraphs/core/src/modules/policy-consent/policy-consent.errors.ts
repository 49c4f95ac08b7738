import { forbidden, validationError, type FieldError } from '@flowgraph/kernel';
import type { PolicyVersions } from '@flowgraph/contracts';

export const consentNeedsSession = () => forbidden('Accepting the policies needs a logged-in session (not an API key)');
export const notTheVersionsInForce = (details: FieldError[]) => validationError(details, 'Accept the versions in force');

/** What is wrong with versions a person says they accepted, field by field (prefixed with `at`); none when they are the ones in force. */
export function versionProblems(offered: PolicyVersionsInput, current: PolicyVersions | undefined, at = ''): FieldError[] {
  if (!current) return [{ field: `${at}privacyPolicyVersion`, message: 'No privacy policy or terms of service are published' }];
  const problems: FieldError[] = [];
  if (offered.privacyPolicyVersion !== current.privacyPolicy)
    problems.push({ field: `${at}privacyPolicyVersion`, message: `The privacy policy in force is version ${current.privacyPolicy}` });
  if (offered.termsOfServiceVersion !== current.termsOfService)
    problems.push({ field: `${at}termsOfServiceVersion`, message: `The terms of service in force are version ${current.termsOfService}` });
  return problems;
}

/** The versions a person read and accepts, as the API takes them. */
export interface PolicyVersionsInput {
  privacyPolicyVersion: string;
  termsOfServiceVersion: string;
}
