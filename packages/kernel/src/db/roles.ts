import { Client } from 'pg';

/**
 * Creates (or updates the password of) the application's login role. It is not a superuser and
 * has no BYPASSRLS, so row-level security policies apply to every service query.
 * Runs with the owner connection before migrations; safe to run concurrently and repeatedly.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const quotedPassword = `'${password.replace(/'/g, "''")}'`;
    // A lock serialises concurrent callers: CREATE ROLE has no IF NOT EXISTS.
    await client.query('select pg_advisory_lock(727001)');
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    if (rowCount === 0) {
      await client.query(`create role ${role} login nosuperuser nobypassrls password ${quotedPassword}`);
    } else {
      await client.query(`alter role ${role} login nosuperuser nobypassrls password ${quotedPassword}`);
    }
    await client.query('select pg_advisory_unlock(727001)');
    await client.query(`grant connect on database "${client.database}" to ${role}`);
  } finally {
    await client.end();
  }
}

/**
 * Statements a migration runs after creating tables, so the application role can use them.
 * Row-level security and append-only rules are added on top by the migration itself.
 */
export function appGrants(schema: string, role: string): string[] {
  return [
    `grant usage on schema ${schema} to ${role}`,
    `grant select, insert, update, delete on all tables in schema ${schema} to ${role}`,
    `grant usage, select on all sequences in schema ${schema} to ${role}`,
  ];
}

/**
 * Statements that put `table` under row-level security keyed on the request's organization
 * (`app.org_id`, set per transaction). Services connect as the application role, which owns
 * nothing, so ENABLE is enough; the owner (migrations and a few narrow SECURITY DEFINER
 * functions, such as cross-organization retention) stays exempt on purpose.
 */
export function orgIsolationPolicy(table: string, column = 'org_id'): string[] {
  const current = `nullif(current_setting('app.org_id', true), '')::uuid`;
  return [
    `alter table ${table} enable row level security`,
    `create policy org_isolation on ${table} using (${column} = ${current}) with check (${column} = ${current})`,
  ];
}
