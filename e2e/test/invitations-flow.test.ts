import { randomUUID } from 'node:crypto';
import { post, startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

interface Tokens {
  accessToken: string;
  role: string;
  organization: { id: string };
}
const TOKENS = 'accessToken role organization { id }';
const PASSWORD = 'correct horse battery staple';
const gateway = <T>(query: string, variables: Record<string, unknown> = {}, accessToken?: string) =>
  post<T>(federation.gateway.url, query, variables, accessToken ? { authorization: `Bearer ${accessToken}` } : {});

async function signUp(email: string, extra: Record<string, unknown>): Promise<Tokens> {
  const response = await gateway<{ signUp: Tokens }>(`mutation($input: SignUpInput!) { signUp(input: $input) { ${TOKENS} } }`, {
    input: { email, password: PASSWORD, name: 'Someone', ...extra },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.signUp;
}

async function invite(admin: Tokens, email: string, role: string): Promise<string> {
  const response = await gateway<{ inviteMember: { token: string } }>(
    'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }',
    { input: { email, role } },
    admin.accessToken,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.inviteMember.token;
}

const currentOrganization = async (accessToken: string) =>
  (await gateway<{ currentOrganization: { id: string } }>('{ currentOrganization { id } }', {}, accessToken)).data?.currentOrganization.id;

it('takes a new person and an existing account into an organization by invitation, through the gateway', async () => {
  const owner = await signUp(`${randomUUID()}@example.com`, { organizationName: 'Analytical Engines' });

  // A new person signs up with the token: no organization of their own, straight into the owner's.
  const newcomer = `${randomUUID()}@example.com`;
  const joined = await signUp(newcomer, { invitationToken: await invite(owner, newcomer, 'ADMIN') });
  expect(joined).toMatchObject({ role: 'ADMIN', organization: { id: owner.organization.id } });
  expect(await currentOrganization(joined.accessToken)).toBe(owner.organization.id);

  // An existing account accepts on its session and acts in the organization with the new tokens.
  const existingEmail = `${randomUUID()}@example.com`;
  const existing = await signUp(existingEmail, { organizationName: 'Elsewhere' });
  const token = await invite(owner, existingEmail, 'VIEWER');
  const accepted = await gateway<{ acceptInvitation: Tokens }>(
    `mutation($token: String!) { acceptInvitation(token: $token) { ${TOKENS} } }`,
    { token },
    existing.accessToken,
  );
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptInvitation).toMatchObject({ role: 'VIEWER', organization: { id: owner.organization.id } });
  expect(await currentOrganization(accepted.data!.acceptInvitation.accessToken)).toBe(owner.organization.id);

  // Logging in again lands where the account acted last, not in its older organization.
  const loggedIn = await gateway<{ logIn: Tokens }>(`mutation($input: LogInInput!) { logIn(input: $input) { ${TOKENS} } }`, {
    input: { email: existingEmail, password: PASSWORD },
  });
  expect(loggedIn.data?.logIn.organization.id).toBe(owner.organization.id);

  const pending = await gateway<{ invitations: { edges: unknown[] } }>('{ invitations { edges { node { id } } } }', {}, owner.accessToken);
  expect(pending.errors).toBeUndefined();
  expect(pending.data!.invitations.edges).toEqual([]);
});
