import { useSession } from '../../session/SessionProvider';
import { EventTimeline } from './EventTimeline';
import { OpenSuggestionsSummary } from './OpenSuggestionsSummary';
import { TopPatterns } from './TopPatterns';

/** The first screen: open suggestions, the caller's top patterns, and the organization's recent events. */
export default function Dashboard() {
  const { session } = useSession();
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      {session && <p className="muted">Welcome back, {session.user.name}.</p>}
      <div className="dashboard-columns">
        <OpenSuggestionsSummary />
        <TopPatterns />
      </div>
      <EventTimeline />
    </div>
  );
}
