import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addMember, invite, signUp, startCoreHarness, type Account, type CoreHarness } from '../src/testing/core-harness';

let h: CoreHarness;
let app: Client;
let a: Account;
let b: Account;
beforeAll(async () => {
  h = await startCoreHarness('core_rls');
  a = await signUp(h);
  b = await signUp(h);
  await addMember(h, b, await signUp(h), 'member');
  await invite(h, a, `${randomUUID()}@example.test`, 'viewer');
  for (const owner of [a, b]) await h.call('mutation { createApiKey(input: { name: "ci", scopes: [] }) { secret } }', {}, owner.identity);
  app = new Client({ connectionString: h.db.appUrl });
  await app.connect();
});
afterAll(async () => {
  await app.end();
  await h.close();
});

/** Runs `sql` as the application role with `org`/`user` as the row-level-security scope. */
async function asApp<T extends Record<string, unknown>>(sql: string, scope: { org?: string; user?: string }): Promise<T[]> {
  await app.query('begin');
  try {
    await app.query(`select set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [scope.org ?? '', scope.user ?? '']);
    return (await app.query(sql)).rows as T[];
  } finally {
    await app.query('rollback');
  }
}

it('shows the application role nothing of another organization in unscoped queries', async () => {
  for (const table of ['memberships', 'api_keys', 'audit_log', 'invitations']) {
    const everything = await h.owner<{ org_id: string }>(`select org_id from core.${table}`);
    expect(everything.some((r) => r.org_id === b.orgId)).toBe(true);
    const seen = await asApp<{ org_id: string }>(`select * from core.${table}`, { org: a.orgId, user: a.userId });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.org_id === a.orgId)).toBe(true);
  }
  const orgs = await asApp<{ id: string }>('select * from core.organizations', { org: a.orgId, user: a.userId });
  expect(orgs.map((o) => o.id)).toEqual([a.orgId]);
  const users = await asApp<{ id: string }>('select * from core.users', { org: a.orgId, user: a.userId });
  expect(users.map((u) => u.id)).toEqual([a.userId]);
  const sessions = await asApp<{ user_id: string }>('select * from core.sessions', { org: a.orgId, user: a.userId });
  expect(sessions.every((s) => s.user_id === a.userId)).toBe(true);
});

it('shows nothing at all without a scope', async () => {
  for (const table of ['users', 'organizations', 'memberships', 'sessions', 'api_keys', 'audit_log', 'invitations']) {
    expect(await asApp(`select * from core.${table}`, {})).toEqual([]);
  }
});

it('refuses to write a row into another organization', async () => {
  await expect(
    asApp(`insert into core.memberships (id, org_id, user_id, role) values ('${randomUUID()}', '${b.orgId}', '${a.userId}', 'owner')`, {
      org: a.orgId,
      user: a.userId,
    }),
  ).rejects.toThrow(/row-level security/);
});

it('keeps the audit log append-only for the application role', async () => {
  const [entry] = await h.owner<{ id: string; action: string }>('select id, action from core.audit_log where org_id = $1 limit 1', [
    a.orgId,
  ]);
  await expect(asApp(`update core.audit_log set action = 'forged' where id = '${entry.id}'`, { org: a.orgId })).rejects.toThrow(
    /permission denied|append-only/,
  );
  await expect(asApp(`delete from core.audit_log where id = '${entry.id}'`, { org: a.orgId })).rejects.toThrow(
    /permission denied|append-only/,
  );
  const [after] = await h.owner<{ action: string }>('select action from core.audit_log where id = $1', [entry.id]);
  expect(after.action).toBe(entry.action);
});

it("has the audit log's own trigger refuse UPDATE, DELETE and TRUNCATE from the table owner", async () => {
  const [{ tableowner, me }] = await h.owner<{ tableowner: string; me: string }>(
    `select tableowner, current_user as me from pg_tables where schemaname = 'core' and tablename = 'audit_log'`,
  );
  expect(me).toBe(tableowner); // the owner has every privilege: only the trigger stands in the way
  const [entry] = await h.owner<{ id: string; action: string }>('select id, action from core.audit_log where org_id = $1 limit 1', [
    a.orgId,
  ]);
  for (const sql of [
    `update core.audit_log set action = 'forged' where id = '${entry.id}'`,
    `delete from core.audit_log where id = '${entry.id}'`,
    'truncate core.audit_log',
  ]) {
    await expect(h.owner(sql)).rejects.toMatchObject({ message: 'audit_log is append-only', code: '42501' });
  }
  const [after] = await h.owner<{ action: string }>('select action from core.audit_log where id = $1', [entry.id]);
  expect(after.action).toBe(entry.action);
});
