import { codeOf, signUp, startCoreHarness, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCoreHarness('core_throttle');
});
afterAll(() => h.close());

const logIn = (email: string, password: string, ip: string) =>
  h.call('mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }', { input: { email, password } }, { ip });

it('throttles an account after 5 failures, even with the right password, from any IP', async () => {
  const account = await signUp(h);
  for (let i = 0; i < 5; i++) expect(codeOf(await logIn(account.email, 'wrong password', `10.1.0.${i}`))).toBe('UNAUTHENTICATED');
  const blocked = await logIn(account.email.toUpperCase(), account.password, '10.1.1.1');
  expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  const retryAfter = blocked.errors?.[0]?.extensions?.retryAfter as number;
  expect(retryAfter).toBeGreaterThan(800);
  expect(retryAfter).toBeLessThanOrEqual(900);
});

it('resets the account counter on a successful login', async () => {
  const account = await signUp(h);
  for (let i = 0; i < 4; i++) await logIn(account.email, 'wrong password', '10.2.0.1');
  expect((await logIn(account.email, account.password, '10.2.0.1')).errors).toBeUndefined();
  for (let i = 0; i < 4; i++) expect(codeOf(await logIn(account.email, 'wrong password', '10.2.0.1'))).toBe('UNAUTHENTICATED');
  expect((await logIn(account.email, account.password, '10.2.0.1')).errors).toBeUndefined();
});

it('throttles an IP after 20 attempts across accounts', async () => {
  const ip = '10.3.0.1';
  for (let i = 0; i < 20; i++) expect(codeOf(await logIn(`nobody-${i}@example.test`, 'wrong password', ip))).toBe('UNAUTHENTICATED');
  const account = await signUp(h);
  expect(codeOf(await logIn(account.email, account.password, ip))).toBe('RATE_LIMITED');
  // The same account from another IP is fine: only the IP is blocked.
  expect((await logIn(account.email, account.password, '10.3.0.2')).errors).toBeUndefined();
});
