/**
 * Row-level security, checked from the catalog rather than from a list: every table of every
 * subgraph schema with an organization column is under RLS, and the application role reading it
 * without an organization in scope sees nothing — so a table added later is covered as it comes.
 *
 * FORCE is deliberately not asserted (decision 0006): the application role owns no table, so
 * ENABLE binds it, and the owner's narrow SECURITY DEFINER functions must stay exempt. What
 * FORCE would guard against — the role the services use owning a table — is asserted instead.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@flowgraph/kernel';
import { createTestDatabase, type TestDatabase } from '@flowgraph/kernel/testing';

const SCHEMAS = ['core', 'workflow', 'integration', 'analytics'];
const ORG_COLUMNS = ['org_id', 'organization_id'];

interface OrgTable {
  table: string;
  orgColumn: string;
  rowSecurity: boolean;
  owner: string;
}

interface Column {
  name: string;
  type: string;
  category: string;
  enumLabel: string | null;
}

let db: TestDatabase;
let owner: Client;
let app: Client;
let tables: OrgTable[];
const appRole = loadConfig().DATABASE_APP_ROLE;
const seededOrg = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase('rlscatalog');
  owner = new Client({ connectionString: db.ownerUrl });
  app = new Client({ connectionString: db.appUrl });
  await owner.connect();
  await app.connect();
  const { rows } = await owner.query<OrgTable>(
    `select format('%I.%I', n.nspname, c.relname) as table, a.attname as "orgColumn",
            c.relrowsecurity as "rowSecurity", pg_get_userbyid(c.relowner) as owner
     from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p') and n.nspname = any($1) and a.attname = any($2)
     order by 1`,
    [SCHEMAS, ORG_COLUMNS],
  );
  tables = rows;
  for (const t of tables) await seedOneRow(t);
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

/**
 * One row of the seeded organization in `t`, whatever its columns: as the owner, with triggers
 * and foreign keys off (session_replication_role) and the table's CHECK constraints dropped —
 * this database is the test's own clone, and what is under test is only who may read the row.
 */
async function seedOneRow(t: OrgTable): Promise<void> {
  const { rows: columns } = await owner.query<Column>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, ty.typcategory as category,
            (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1) as "enumLabel"
     from pg_attribute a join pg_type ty on ty.oid = a.atttypid
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
       and a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''`,
    [t.table],
  );
  const values = columns.map((c) => (c.name === t.orgColumn ? `'${seededOrg}'::uuid` : literal(c)));
  await owner.query('begin');
  try {
    await owner.query(`set local session_replication_role = replica`);
    const { rows: checks } = await owner.query<{ name: string }>(
      `select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'c'`,
      [t.table],
    );
    for (const check of checks) await owner.query(`alter table ${t.table} drop constraint "${check.name}"`);
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    await owner.query(
      columns.length === 0 ? `insert into ${t.table} default values` : `insert into ${t.table} (${names}) values (${values.join(', ')})`,
    );
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback');
    throw new Error(`could not seed ${t.table}: ${(error as Error).message}`);
  }
}

/** A valid value of the column's type (a fresh one where uniqueness may matter). */
function literal(c: Column): string {
  if (c.enumLabel !== null) return `'${c.enumLabel}'::${c.type}`;
  if (c.type === 'uuid') return 'gen_random_uuid()';
  // An array: generated columns may read it as one (CHECKs, which may want an object, are dropped).
  if (c.type === 'jsonb' || c.type === 'json') return `'[]'::${c.type}`;
  if (c.type === 'bytea') return `'\\x00'::bytea`;
  switch (c.category) {
    case 'A':
      return `'{}'::${c.type}`;
    case 'B':
      return 'false';
    case 'D':
      return `now()::${c.type}`;
    case 'I':
      return `'127.0.0.1'::${c.type}`;
    case 'N':
      return `1::${c.type}`;
    case 'T':
      return `'1 second'::${c.type}`;
    default:
      return `md5(random()::text)::${c.type}`;
  }
}

it('finds the organization-owned tables of every subgraph schema', () => {
  const schemas = new Set(tables.map((t) => t.table.split('.')[0]));
  expect([...schemas].sort()).toEqual([...SCHEMAS].sort());
  expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['core.events', 'workflow.workflows', 'analytics.events']));
});

it('puts every table with an organization column under row-level security, owned by a role other than the services’', async () => {
  const {
    rows: [role],
  } = await owner.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [
    appRole,
  ]);
  expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  expect(tables.filter((t) => !t.rowSecurity).map((t) => t.table)).toEqual([]);
  expect(tables.filter((t) => t.owner === appRole).map((t) => t.table)).toEqual([]);
});

it('shows the application role no row of any of them without an organization in scope, nor in another one', async () => {
  const counts = async (client: Client) => {
    const result: Record<string, number> = {};
    for (const t of tables) {
      // A table the role may not read at all (an insert-only outbox) shows it no row either.
      const readable = (await client.query<{ ok: boolean }>(`select has_table_privilege(current_user, $1, 'select') as ok`, [t.table]))
        .rows[0].ok;
      result[t.table] = readable ? (await client.query<{ n: number }>(`select count(*)::int as n from ${t.table}`)).rows[0].n : 0;
    }
    return result;
  };
  const none = Object.fromEntries(tables.map((t) => [t.table, 0]));
  // The seed is there (the owner sees it), so an empty answer below is the policy's doing.
  expect(Object.values(await counts(owner)).every((n) => n >= 1)).toBe(true);
  expect(await counts(app)).toEqual(none);
  await app.query('begin');
  try {
    await app.query(`select set_config('app.org_id', $1, true)`, [randomUUID()]);
    expect(await counts(app)).toEqual(none);
  } finally {
    await app.query('rollback');
  }
});
