import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  useCreateOrganizationMutation,
  useCurrentOrganizationSettingsQuery,
  useSwitchOrganizationMutation,
  useUpdateOrganizationMutation,
  type OrganizationSettingsFragment,
} from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { QueryState } from '../../ui/QueryState';
import { checkName, failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { isAdmin } from './roles';

const checkOrganizationName = (name: string) => checkName(name, 'a name', 200);

/** The current organization (admins rename it) and a new one of the user's own, to switch to. */
export function OrganizationSection() {
  const { session } = useSession();
  const [organization, reexecute] = useCurrentOrganizationSettingsQuery();
  return (
    <>
      <h2>Organization</h2>
      <QueryState
        fetching={organization.fetching}
        error={organization.error}
        data={organization.data?.currentOrganization ?? undefined}
        label="Loading the organization"
      >
        {(current) =>
          isAdmin(session?.role) ? (
            <RenameForm organization={current} onSaved={() => reexecute({ requestPolicy: 'network-only' })} />
          ) : (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{current.name}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(current.createdAt)}</dd>
            </dl>
          )
        }
      </QueryState>
      <h3>Another organization</h3>
      <CreateOrganizationForm />
    </>
  );
}

function RenameForm({ organization, onSaved }: { organization: OrganizationSettingsFragment; onSaved: () => void }) {
  const [{ fetching, error, data }, updateOrganization] = useUpdateOrganizationMutation();
  const [name, setName] = useState(organization.name);
  const [problem, setProblem] = useState<string>();
  const server = error ? problemOf(error).fields : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = checkOrganizationName(name);
    setProblem(failed);
    if (failed) return;
    const result = await updateOrganization({ input: { name: name.trim() } });
    if (result.data) onSaved();
  }

  return (
    <form onSubmit={submit} noValidate className="settings-form">
      <Field
        label="Name"
        autoComplete="organization"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint={`Created ${formatDateTime(organization.createdAt)}`}
        error={problem ?? server['input.name']}
      />
      {error && <ErrorNotice error={error} title="Could not rename the organization" />}
      <p role="status" aria-live="polite" className="muted">
        {data && !fetching ? `Saved: the organization is now called ${data.updateOrganization.organization.name}.` : ''}
      </p>
      <button type="submit" className="primary" disabled={fetching || name.trim() === organization.name}>
        {fetching ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}

/** createOrganization leaves the caller where they are; switching issues tokens acting in the new one. */
function CreateOrganizationForm() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [creation, createOrganization] = useCreateOrganizationMutation();
  const [switching, switchOrganization] = useSwitchOrganizationMutation();
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const created = creation.data?.createOrganization.organization;
  const server = creation.error ? problemOf(creation.error).fields : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = failedChecks({ name: checkOrganizationName(name) });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await createOrganization({ input: { name: name.trim() } });
    if (result.data) setName('');
  }

  async function switchTo(organizationId: string) {
    const result = await switchOrganization({ organizationId });
    if (result.data) {
      signIn(result.data.switchOrganization);
      navigate('/');
    }
  }

  return (
    <>
      <p className="muted">You own an organization you create; its data is kept apart from this one.</p>
      <form onSubmit={submit} noValidate className="settings-form">
        <Field
          label="New organization's name"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problems.name ?? server['input.name']}
        />
        {creation.error && <ErrorNotice error={creation.error} title="Could not create the organization" />}
        <button type="submit" disabled={creation.fetching}>
          {creation.fetching ? 'Creating…' : 'Create organization'}
        </button>
      </form>
      {created && (
        <div className="notice notice-ok" role="status">
          <p>Created {created.name}. You are still acting in this organization.</p>
          {switching.error && <ErrorNotice error={switching.error} title="Could not switch" />}
          <button type="button" className="primary" disabled={switching.fetching} onClick={() => void switchTo(created.id)}>
            Switch to {created.name}
          </button>
        </div>
      )}
    </>
  );
}
