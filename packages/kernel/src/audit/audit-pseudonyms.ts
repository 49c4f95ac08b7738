/**
 * The statement that pseudonymises a person in an audit table (`core.audit_log` or a subgraph's
 * `audit_outbox`): rows keep their shape, the actor or target that was the person becomes the
 * pseudonym, their id and email in the metadata are replaced by it, and the IP address goes.
 * Parameters: `$1` user id, `$2` email, `$3` pseudonym.
 */
export function pseudonymiseAuditSql(table: string): string {
  return `update ${table} set
      actor_id = case when actor_id = $1 then $3 else actor_id end,
      target_id = case when target_id in ($1::text, $2) then $3::text else target_id end,
      metadata = replace(replace(metadata::text, $1::text, $3::text), $2, $3::text)::jsonb,
      ip = case when actor_id = $1 then null else ip end
    where actor_id = $1 or target_id in ($1::text, $2) or strpos(metadata::text, $1::text) > 0 or strpos(metadata::text, $2) > 0`;
}
