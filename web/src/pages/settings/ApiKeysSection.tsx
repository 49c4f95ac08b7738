import { useApiKeysQuery, useRevokeApiKeyMutation, type ApiKeyRowFragment } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime, formatRelative } from '../../ui/format';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { ROLE_LABELS } from './roles';
import { TableScroll } from '../../ui/TableScroll';

/** The organization's API keys (admins: mounted inside AdminOnly): what each may do, when it was used; create and revoke. */
export function ApiKeysSection() {
  const { session } = useSession();
  const [keys, reexecute] = useApiKeysQuery();
  // Asked again after each change: production sends persisted documents without __typename, so urql's cache cannot tell what a mutation touched.
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const [revocation, revokeApiKey] = useRevokeApiKeyMutation();

  async function revoke(key: ApiKeyRowFragment) {
    const result = await revokeApiKey({ id: key.id });
    if (result.data) refetch();
  }

  return (
    <>
      <h2>API keys</h2>
      <p className="muted">
        Keys let partners and integrations call the API with the <code>x-api-key</code> header. A key acts as the admin who created it, with
        at most their role, and stops working if they leave.
      </p>
      {session && <CreateApiKeyForm callerRole={session.role} onCreated={refetch} />}
      <h3>Keys</h3>
      {revocation.error && <ErrorNotice error={revocation.error} title="Could not revoke the key" />}
      <QueryState
        fetching={keys.fetching}
        error={keys.error}
        data={keys.data?.apiKeys}
        isEmpty={(list) => list.length === 0}
        empty="No API keys yet. Create one above for a partner or an integration."
        label="Loading API keys"
      >
        {(list) => (
          <TableScroll label={'API keys'}>
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Role</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((key) => (
                  <tr key={key.id}>
                    <td data-label="Name">{key.name}</td>
                    <td data-label="Prefix">
                      <code>{key.prefix}</code>
                    </td>
                    <td data-label="Role">{ROLE_LABELS[key.role]}</td>
                    <td data-label="Scopes">
                      <ul className="scope-list">
                        {key.scopes.map((scope) => (
                          <li key={scope}>
                            <code>{scope}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Created">
                      <span>
                        {formatDateTime(key.createdAt)}
                        <br />
                        <span className="muted">by {key.createdBy.name}</span>
                      </span>
                    </td>
                    <td data-label="Last used">{key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}</td>
                    <td data-label="Expires">{key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}</td>
                    <td data-label="Actions">
                      {key.revokedAt ? (
                        <span className="badge badge-error">Revoked {formatDateTime(key.revokedAt)}</span>
                      ) : (
                        <ConfirmButton
                          label="Revoke"
                          ariaLabel={`Revoke the API key ${key.name}`}
                          danger
                          disabled={revocation.fetching}
                          question={`Revoke the API key "${key.name}" (${key.prefix})? Whatever uses it stops working within 30 seconds.`}
                          confirmLabel="Revoke key"
                          onConfirm={() => void revoke(key)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
    </>
  );
}
