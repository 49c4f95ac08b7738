import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { usePolicyConsentQuery, useSignUpMutation } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { checkEmail, checkName, checkPassword, failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { AuthFrame } from './AuthFrame';
import { PolicyCheckbox } from './PolicyCheckbox';

/** A new account with its own organization, or (with `?invitation=<token>`) joining the inviting one. */
export default function SignUp() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const invitationToken = useSearchParams()[0].get('invitation') ?? undefined;
  const [{ fetching, error }, signUp] = useSignUpMutation();
  const [form, setForm] = useState({ name: '', email: '', password: '', organizationName: '' });
  // The versions in force, accepted with the account; none published, nothing to accept.
  const [{ data: consent }] = usePolicyConsentQuery();
  const policies = consent?.policyConsent.current ?? undefined;
  const [policiesAccepted, setPoliciesAccepted] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  if (session) return <Navigate to="/" replace />;
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const server = error ? problemOf(error).fields : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = failedChecks({
      name: checkName(form.name, 'your name', 100),
      email: checkEmail(form.email),
      password: checkPassword(form.password),
      organizationName: invitationToken ? undefined : checkName(form.organizationName, "your organization's name", 200),
      acceptedPolicies: policies && !policiesAccepted ? 'Accept the privacy policy and terms of service to create an account' : undefined,
    });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const account = { name: form.name.trim(), email: form.email.trim(), password: form.password };
    const acceptedPolicies = policies && { privacyPolicyVersion: policies.privacyPolicy, termsOfServiceVersion: policies.termsOfService };
    const input = invitationToken
      ? { ...account, invitationToken, acceptedPolicies }
      : { ...account, organizationName: form.organizationName.trim(), acceptedPolicies };
    const result = await signUp({ input });
    if (result.data) {
      signIn(result.data.signUp);
      navigate('/', { replace: true });
    }
  }

  return (
    <AuthFrame title={invitationToken ? 'Join your team' : 'Create your account'}>
      <form onSubmit={submit} noValidate>
        <Field
          label="Your name"
          autoComplete="name"
          value={form.name}
          onChange={set('name')}
          error={problems.name ?? server['input.name']}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={problems.email ?? server['input.email']}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          hint="8 characters or more"
          error={problems.password ?? server['input.password']}
        />
        {!invitationToken && (
          <Field
            label="Organization name"
            autoComplete="organization"
            value={form.organizationName}
            onChange={set('organizationName')}
            error={problems.organizationName ?? server['input.organizationName']}
          />
        )}
        {policies && (
          <PolicyCheckbox
            versions={policies}
            checked={policiesAccepted}
            onChange={setPoliciesAccepted}
            error={
              problems.acceptedPolicies ??
              server['acceptedPolicies.privacyPolicyVersion'] ??
              server['acceptedPolicies.termsOfServiceVersion']
            }
          />
        )}
        {error && <ErrorNotice error={error} title="Could not create the account" />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
