import type { EntityManager } from '@mikro-orm/postgresql';
import { pseudonymiseAuditSql } from '../audit/audit-pseudonyms';
import { inScopedTransaction } from './request-transaction';

/**
 * The statements a service runs for a data-subject request. SQL names its parameters `:user`,
 * `:email`, `:pseudonym` and `:org`; a table added to an export or an erasure is one more entry.
 */
export interface SubjectStatements {
  /** Archive name → a select of the user's rows in the organization in scope (run per organization, under row-level security). */
  exportUser: Record<string, string>;
  /** Name → an update or delete erasing the user everywhere in the schema (run in this order, as the owner). */
  eraseUser: Record<string, string>;
  /** Name → a delete of the organization's rows (run in this order, children first, as the owner). */
  eraseOrganization: Record<string, string>;
}

export interface SubjectParameters {
  user?: string;
  email?: string;
  pseudonym?: string;
  org?: string;
}

const NAMED = /:(user|email|pseudonym|org)\b/g;

/** `:name` → `?` with the values in order (MikroORM's `execute` binds positionally). */
export function bindNamed(sql: string, values: SubjectParameters): [string, unknown[]] {
  const params: unknown[] = [];
  const text = sql.replace(NAMED, (_match, name: keyof SubjectParameters) => {
    const value = values[name];
    if (value === undefined) throw new Error(`statement needs :${name}`);
    params.push(value);
    return '?';
  });
  return [text, params];
}

/** Each named select's rows, per organization (in its own read-only scope), merged by name. */
export async function exportSubjectRows(
  root: EntityManager,
  selects: Record<string, string>,
  subject: { userId: string; email: string; organizationIds: readonly string[] },
): Promise<Record<string, Record<string, unknown>[]>> {
  const tables: Record<string, Record<string, unknown>[]> = Object.fromEntries(Object.keys(selects).map((name) => [name, []]));
  for (const orgId of subject.organizationIds) {
    await inScopedTransaction(
      root,
      { orgId, userId: subject.userId },
      async (em) => {
        for (const [name, sql] of Object.entries(selects)) {
          const [text, params] = bindNamed(sql, { user: subject.userId, email: subject.email, org: orgId });
          tables[name].push(...(await em.execute<Record<string, unknown>[]>(text, params)));
        }
      },
      { readOnly: true },
    );
  }
  return tables;
}

/** A plpgsql body running each statement with `using` the given parameters, counting rows by name into `counts`. */
function countingBody(statements: Record<string, string>, order: (keyof SubjectParameters)[], args: string): string {
  return Object.entries(statements)
    .map(([name, sql]) => {
      const positional = sql.replace(NAMED, (_m, param: keyof SubjectParameters) => `$${order.indexOf(param) + 1}`);
      return `execute $sql$${positional}$sql$ using ${args}; get diagnostics n = row_count; counts := counts || jsonb_build_object('${name}', n);`;
    })
    .join('\n         ');
}

/**
 * SQL a subgraph's migration runs to get its two erasure functions, owned by the migration
 * owner because erasure deletes from tables the application role may only append to:
 * `<schema>.erase_subject_user(user, email, pseudonym)` (the `eraseUser` statements, then the
 * person's entries still in the audit outbox pseudonymised) and
 * `<schema>.erase_subject_organization(org)`; each returns rows touched by name. A change to the
 * statements needs a migration that runs this again (`create or replace`).
 */
export function subjectErasureMigration(schema: string, role: string, statements: SubjectStatements): string[] {
  const user = { ...statements.eraseUser, auditOutbox: pseudonymiseAuditSql(`${schema}.audit_outbox`) };
  const fnUser = `${schema}.erase_subject_user(uuid, text, uuid)`;
  const fnOrg = `${schema}.erase_subject_organization(uuid)`;
  return [
    `create or replace function ${schema}.erase_subject_user(p_user uuid, p_email text, p_pseudonym uuid) returns jsonb
       language plpgsql security definer set search_path = ${schema}, pg_temp as $fn$
       declare counts jsonb := '{}'; n int;
       begin
         ${countingBody(user, ['user', 'email', 'pseudonym'], 'p_user, p_email, p_pseudonym')}
         return counts;
       end $fn$`,
    `create or replace function ${schema}.erase_subject_organization(p_org uuid) returns jsonb
       language plpgsql security definer set search_path = ${schema}, pg_temp as $fn$
       declare counts jsonb := '{}'; n int;
       begin
         ${countingBody(statements.eraseOrganization, ['org'], 'p_org')}
         return counts;
       end $fn$`,
    ...[fnUser, fnOrg].flatMap((fn) => [`revoke all on function ${fn} from public`, `grant execute on function ${fn} to ${role}`]),
  ];
}
