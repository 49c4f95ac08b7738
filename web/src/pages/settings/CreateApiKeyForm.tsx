import { useId, useState, type FormEvent } from 'react';
import { useCreateApiKeyMutation, type Role } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { checkName, failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { OnceShownSecret } from './OnceShownSecret';
import { API_KEY_SCOPES, API_KEY_SCOPE_GROUPS, expiryOf } from './api-key-scopes';
import { ROLE_LABELS, rolesUpTo } from './roles';

const EMPTY = { name: '', role: 'MEMBER' as Role, scopes: [] as string[], expiresOn: '' };

function checkExpiry(day: string): string | undefined {
  const expiresAt = expiryOf(day);
  return expiresAt && Date.parse(expiresAt) <= Date.now() ? 'Choose today or a later day' : undefined;
}

/** A new key: name, role (at most the creator's), scopes from the fixed list, optional expiry; its secret is shown once. */
export function CreateApiKeyForm({ callerRole, onCreated }: { callerRole: Role; onCreated: () => void }) {
  const [{ fetching, error }, createApiKey] = useCreateApiKeyMutation();
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const roleId = useId();
  const server = error ? problemOf(error).fields : {};

  function toggleScope(scope: string, on: boolean) {
    const chosen = new Set(form.scopes);
    if (on) chosen.add(scope);
    else chosen.delete(scope);
    // The fixed list's order, whatever order they were ticked in.
    setForm({ ...form, scopes: API_KEY_SCOPES.filter((s) => chosen.has(s)) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = failedChecks({
      name: checkName(form.name, "the key's name", 100),
      scopes: form.scopes.length === 0 ? 'Choose at least one scope' : undefined,
      expiresOn: checkExpiry(form.expiresOn),
    });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await createApiKey({
      input: { name: form.name.trim(), role: form.role, scopes: form.scopes, expiresAt: expiryOf(form.expiresOn) },
    });
    if (result.data) {
      setCreated({ name: result.data.createApiKey.apiKey.name, secret: result.data.createApiKey.secret });
      setForm(EMPTY);
      onCreated();
    }
  }

  const scopesError = problems.scopes ?? server['input.scopes'];
  return (
    <>
      {created && (
        <OnceShownSecret label={`Secret of the API key ${created.name}`} value={created.secret} onDismiss={() => setCreated(undefined)}>
          This secret is shown only once: copy it now and store it where the integration reads it. Flowgraph keeps only its prefix; if it is
          lost, revoke the key and create another.
        </OnceShownSecret>
      )}
      <form onSubmit={submit} noValidate className="settings-form" aria-label="New API key">
        <Field
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          hint="To recognise the key by, e.g. the partner's name"
          error={problems.name ?? server['input.name']}
        />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {rolesUpTo(callerRole).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="scopes" aria-describedby={scopesError ? `${roleId}-scopes-error` : undefined}>
          <legend>Scopes</legend>
          {API_KEY_SCOPE_GROUPS.map((group) => (
            <div key={group.label} className="scope-group">
              <span className="muted">{group.label}</span>
              {group.scopes.map((scope) => (
                <label key={scope} className="checkbox">
                  <input type="checkbox" checked={form.scopes.includes(scope)} onChange={(e) => toggleScope(scope, e.target.checked)} />
                  <code>{scope}</code>
                </label>
              ))}
            </div>
          ))}
          {scopesError && (
            <small id={`${roleId}-scopes-error`} className="field-error">
              {scopesError}
            </small>
          )}
        </fieldset>
        <Field
          label="Expires on (optional)"
          type="date"
          value={form.expiresOn}
          onChange={(e) => setForm({ ...form, expiresOn: e.target.value })}
          hint="The key works until the end of this day; it never expires when left empty"
          error={problems.expiresOn ?? server['input.expiresAt']}
        />
        {error && <ErrorNotice error={error} title="Could not create the key" />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Creating…' : 'Create API key'}
        </button>
      </form>
    </>
  );
}
