import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useLogInMutation } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { checkEmail, failedChecks } from '../../ui/checks';
import { AuthFrame } from './AuthFrame';

/**
 * A `?from=` return path, for pages outside the app's router (the API explorer): a path of this
 * site only, so a crafted link cannot send a person elsewhere after signing in.
 */
function sameSitePath(value: string | null): string | undefined {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : undefined;
}

export default function SignIn() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const from = (useLocation().state as { from?: string } | null)?.from ?? sameSitePath(params.get('from')) ?? '/';
  const [{ fetching, error }, logIn] = useLogInMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  if (session) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = failedChecks({ email: checkEmail(email), password: password ? undefined : 'Enter your password' });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await logIn({ input: { email: email.trim(), password } });
    if (result.data) {
      signIn(result.data.logIn);
      navigate(from, { replace: true });
    }
  }

  return (
    <AuthFrame title="Sign in">
      <form onSubmit={submit} noValidate>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problems.password}
        />
        {error && <ErrorNotice error={error} title="Could not sign in" />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New to Flowgraph? <Link to="/signup">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
