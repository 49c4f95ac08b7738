import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useConnectIntegrationMutation, useConnectorsQuery, type ConnectorCardFragment } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { QueryState } from '../../ui/QueryState';
import { problemOf } from '../../ui/errors';
import { checkConnectForm, credentialLabel, type ConnectForm } from './credential-form';
import { INTEGRATION_CACHE, isAdmin } from './integration-labels';

/** Sends the browser to the provider's consent page; a seam for tests. */
export const browser = { assign: (url: string) => window.location.assign(url) };

/** Route `connect/:provider`: the connection's name, and an API-key connector's credentials. */
export default function ConnectIntegration() {
  const provider = useParams().provider;
  const [{ data, fetching, error }] = useConnectorsQuery();
  const { session } = useSession();
  if (!isAdmin(session?.role))
    return (
      <section>
        <h1>Connect a tool</h1>
        <p>Only owners and admins of the organization can connect tools.</p>
      </section>
    );
  return (
    <QueryState fetching={fetching} error={error} data={data} label="Loading the connector">
      {({ connectors }) => {
        const connector = connectors.find((c) => c.id === provider);
        if (!connector)
          return (
            <section>
              <h1>Unknown connector</h1>
              <p>
                <Link to="/integrations">Back to integrations</Link>
              </p>
            </section>
          );
        return <ConnectIntegrationForm connector={connector} />;
      }}
    </QueryState>
  );
}

export function ConnectIntegrationForm({ connector }: { connector: ConnectorCardFragment }) {
  const navigate = useNavigate();
  const [{ fetching, error }, connect] = useConnectIntegrationMutation();
  const [form, setForm] = useState<ConnectForm>({ displayName: connector.displayName, credentials: {} });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const server = error ? problemOf(error).fields : {};
  const fieldError = (path: string) => problems[path] ?? server[path] ?? server[`input.${path}`];
  // Blank credentials are not sent, so the server's word for a required one is "received undefined".
  const credentialError = (field: string) => {
    const message = fieldError(`credentials.${field}`);
    return message && !form.credentials[field]?.trim() ? 'Required' : message;
  };
  const oauth = connector.authKind === 'OAUTH2';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkConnectForm(form, connector.credentialFields);
    setProblems(checked.problems);
    if (Object.keys(checked.problems).length > 0) return;
    const result = await connect(
      {
        input: {
          provider: connector.id,
          displayName: form.displayName.trim(),
          ...(connector.authKind === 'API_KEY' ? { credentials: checked.credentials } : {}),
        },
      },
      INTEGRATION_CACHE,
    );
    const answer = result.data?.connectIntegration;
    if (!answer) return;
    // The consent link works once, in this browser (decision 0024): open it at once.
    if (answer.authorizationUrl) browser.assign(answer.authorizationUrl);
    else navigate(`/integrations/${answer.integration.id}?status=connected`);
  }

  return (
    <section className="connect-form">
      <p>
        <Link to="/integrations">← Integrations</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        Connect {connector.displayName}
      </h1>
      {oauth && (
        <p>
          You will sign in at {connector.displayName} and grant Flowgraph
          {connector.scopes.length > 0 ? (
            <>
              {' '}
              these scopes: <code>{connector.scopes.join(', ')}</code>
            </>
          ) : (
            ' access'
          )}
          , then come back here.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field
          label="Connection name"
          value={form.displayName}
          onChange={(event) => setForm({ ...form, displayName: event.target.value })}
          hint="Shown in Flowgraph, e.g. the account or workspace it connects"
          error={fieldError('displayName')}
        />
        {connector.authKind === 'API_KEY' && (
          <fieldset className="credentials">
            <legend>Credentials</legend>
            <p className="muted">Stored encrypted and never shown again. Leave optional ones blank.</p>
            {connector.credentialFields.map((field) => (
              <Field
                key={field}
                label={credentialLabel(field)}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={form.credentials[field] ?? ''}
                onChange={(event) => setForm({ ...form, credentials: { ...form.credentials, [field]: event.target.value } })}
                error={credentialError(field)}
              />
            ))}
          </fieldset>
        )}
        {error && <ErrorNotice error={error} title={`Could not connect ${connector.displayName}`} />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Connecting…' : oauth ? `Continue to ${connector.displayName}` : `Connect ${connector.displayName}`}
        </button>
      </form>
    </section>
  );
}
