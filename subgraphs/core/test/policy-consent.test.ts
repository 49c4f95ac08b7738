import { randomUUID } from 'node:crypto';
import { verifyAccessToken } from '@flowgraph/kernel';
import { AUTH_FIELDS, codeOf, identityOf, signUp, startCoreHarness, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness('core_consent', { PRIVACY_POLICY_VERSION: '2026-01', TERMS_OF_SERVICE_VERSION: '7' });
});
afterAll(() => h.close());

const inForce = { privacyPolicyVersion: '2026-01', termsOfServiceVersion: '7' };
const CONSENT =
  'policyConsent { current { privacyPolicy termsOfService } accepted { privacyPolicyVersion termsOfServiceVersion acceptedAt } required }';
const consentClaim = async (accessToken: string) => (await verifyAccessToken(accessToken, h.config.JWT_SECRET)).consent;
const signUpWith = (acceptedPolicies?: object) =>
  h.call(
    `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
    {
      input: {
        email: `${randomUUID()}@example.test`,
        password: 'correct horse battery',
        name: 'Pat',
        organizationName: 'Acme',
        acceptedPolicies,
      },
    },
    { ip: '10.0.0.9', userAgent: 'jest' },
  );
const acceptances = (userId: string) =>
  h.owner<{ privacy_policy_version: string; terms_of_service_version: string; ip: string }>(
    'select privacy_policy_version, terms_of_service_version, ip from core.policy_acceptances where user_id = $1 order by accepted_at',
    [userId],
  );
const auditOf = (userId: string) =>
  h.owner<{ org_id: string; metadata: Record<string, unknown> }>(
    `select org_id, metadata from core.audit_log where actor_id = $1 and action = 'policy.accepted' order by created_at`,
    [userId],
  );

it('tells anyone the versions in force, and nothing accepted to an anonymous caller', async () => {
  const response = await h.call(`{ ${CONSENT} }`);
  expect(response.data?.policyConsent).toEqual({
    current: { privacyPolicy: '2026-01', termsOfService: '7' },
    accepted: null,
    required: false,
  });
});

it('records the versions accepted at sign-up, audits them and puts them in the tokens', async () => {
  const response = await signUpWith(inForce);
  expect(response.errors).toBeUndefined();
  const { accessToken, user, organization } = response.data!.signUp;
  expect(await consentClaim(accessToken)).toBe('2026-01/7');
  expect(await acceptances(user.id)).toEqual([{ privacy_policy_version: '2026-01', terms_of_service_version: '7', ip: '10.0.0.9' }]);
  expect(await auditOf(user.id)).toEqual([
    { org_id: organization.id, metadata: expect.objectContaining({ privacyPolicyVersion: '2026-01', termsOfServiceVersion: '7' }) },
  ]);
  const consent = await h.call(`{ ${CONSENT} }`, {}, await identityOf(h, accessToken));
  expect(consent.data?.policyConsent).toMatchObject({
    accepted: { privacyPolicyVersion: '2026-01', termsOfServiceVersion: '7' },
    required: false,
  });
});

it('refuses a sign-up that accepted other versions than those in force, creating nothing', async () => {
  const response = await signUpWith({ privacyPolicyVersion: '2025-06', termsOfServiceVersion: '7' });
  expect(codeOf(response)).toBe('VALIDATION_ERROR');
  expect(response.errors?.[0].extensions?.details).toEqual([
    { field: 'acceptedPolicies.privacyPolicyVersion', message: 'The privacy policy in force is version 2026-01' },
  ]);
  expect(await h.owner(`select 1 from core.policy_acceptances where privacy_policy_version = '2025-06'`)).toHaveLength(0);
});

it('lets an older client sign up without versions; the person must then accept, once', async () => {
  const account = await signUp(h); // the harness sends no acceptedPolicies
  const refreshed = await h.call(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: account.refreshToken });
  expect(await consentClaim(refreshed.data!.refreshSession.accessToken)).toBeUndefined();
  const before = await h.call(`{ ${CONSENT} }`, {}, account.identity);
  expect(before.data?.policyConsent).toMatchObject({ accepted: null, required: true });

  const wrong = await h.call(
    `mutation($input: PolicyVersionsInput!) { acceptPolicies(input: $input) { accessToken } }`,
    { input: { ...inForce, termsOfServiceVersion: '6' } },
    account.identity,
  );
  expect(codeOf(wrong)).toBe('VALIDATION_ERROR');

  const accept = () =>
    h.call(
      `mutation($input: PolicyVersionsInput!) { acceptPolicies(input: $input) { ${AUTH_FIELDS} } }`,
      { input: inForce },
      account.identity,
    );
  const first = await accept();
  expect(first.errors).toBeUndefined();
  expect(first.data?.acceptPolicies).toMatchObject({ role: 'OWNER', organization: { id: account.orgId }, user: { id: account.userId } });
  expect(await consentClaim(first.data!.acceptPolicies.accessToken)).toBe('2026-01/7');
  // Another device's stale token is fixed by the same call: tokens again, no second record.
  const again = await accept();
  expect(await consentClaim(again.data!.acceptPolicies.accessToken)).toBe('2026-01/7');
  expect(await acceptances(account.userId)).toHaveLength(1);
  expect(await auditOf(account.userId)).toHaveLength(1);

  // Every token issued afterwards carries it: a log-in, for one.
  const logIn = await h.call(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
    input: { email: account.email, password: account.password },
  });
  expect(await consentClaim(logIn.data!.logIn.accessToken)).toBe('2026-01/7');
});

it('does not let an API key accept for a person', async () => {
  const account = await signUp(h);
  const response = await h.call(
    `mutation($input: PolicyVersionsInput!) { acceptPolicies(input: $input) { accessToken } }`,
    { input: inForce },
    { ...account.identity, authMethod: 'api_key', sessionId: undefined, apiKeyId: randomUUID(), scopes: [] },
  );
  expect(codeOf(response)).toBe('FORBIDDEN');
  const consent = await h.call(`{ ${CONSENT} }`, {}, { ...account.identity, authMethod: 'api_key', sessionId: undefined, scopes: [] });
  expect(consent.data?.policyConsent).toMatchObject({ accepted: null, required: false });
});
