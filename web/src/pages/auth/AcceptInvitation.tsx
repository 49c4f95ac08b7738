import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAcceptInvitationMutation } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { problemOf } from '../../ui/errors';
import { AuthFrame } from './AuthFrame';

/**
 * The page an invitation link opens. The graph tells nothing about a token before it is accepted
 * (a leaked token must not reveal the organization), so the page offers the action: accept when
 * signed in, else sign in (and come back here) or create the account with the token.
 */
export default function AcceptInvitation() {
  const token = useSearchParams()[0].get('token') ?? '';
  const { session } = useSession();
  if (!token) {
    return (
      <AuthFrame title="Invitation">
        <p className="notice notice-error" role="alert">
          This link has no invitation in it. Open the whole link you were sent, or ask for a new invitation.
        </p>
        <p>
          <Link to="/">Go to Flowgraph</Link>
        </p>
      </AuthFrame>
    );
  }
  return session ? <AcceptAsSignedIn token={token} /> : <SignInToAccept token={token} />;
}

function AcceptAsSignedIn({ token }: { token: string }) {
  const { session, signIn, signOut } = useSession();
  const navigate = useNavigate();
  const [{ fetching, error }, acceptInvitation] = useAcceptInvitationMutation();
  const notValid = error && problemOf(error).code === 'NOT_FOUND';

  async function accept() {
    const result = await acceptInvitation({ token });
    if (result.data) {
      signIn(result.data.acceptInvitation);
      navigate('/', { replace: true });
    }
  }

  return (
    <AuthFrame title="Join an organization">
      <p>
        You have been invited to join an organization on Flowgraph. You are signed in as <strong>{session?.user.name}</strong> (
        {session?.user.email}); the invitation works only for the email address it was sent to.
      </p>
      {notValid ? (
        <p className="notice notice-error" role="alert">
          This invitation is not valid: it may have expired, been used or been meant for another email. Ask whoever invited you for a new
          one.
        </p>
      ) : (
        error && <ErrorNotice error={error} title="Could not accept the invitation" />
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={fetching} onClick={() => void accept()}>
          {fetching ? 'Accepting…' : 'Accept invitation'}
        </button>
        <button type="button" className="link" onClick={() => void signOut()}>
          Use another account
        </button>
      </div>
    </AuthFrame>
  );
}

function SignInToAccept({ token }: { token: string }) {
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  return (
    <AuthFrame title="Join an organization">
      <p>You have been invited to join an organization on Flowgraph. Use the account of the email address the invitation was sent to.</p>
      <div className="actions">
        <Link className="button primary" to="/login" state={{ from: here }}>
          Sign in to accept
        </Link>
        <Link className="button" to={`/signup?invitation=${encodeURIComponent(token)}`}>
          Create an account
        </Link>
      </div>
    </AuthFrame>
  );
}
