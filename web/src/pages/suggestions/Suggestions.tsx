import { useCallback, useMemo, useRef, useState } from 'react';
import {
  OpenSuggestionsDocument,
  useSuggestionAddedSubscription,
  type OpenSuggestionsQuery,
  type SuggestionOfferFragment,
} from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LoadMore } from '../../ui/LoadMore';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { AcceptDialog } from './AcceptDialog';
import { OfferCard } from './OfferCard';
import { mergeSuggestions } from './merge-suggestions';

const VARIABLES = { first: 20 };
const connectionOf = (data: OpenSuggestionsQuery) => data.me?.suggestions;
const ADMIN_ROLES = new Set(['OWNER', 'ADMIN']);

/** Open suggestions, with new ones arriving live (SuggestionAdded), to accept or dismiss. */
export default function Suggestions() {
  const { session } = useSession();
  const canAccept = ADMIN_ROLES.has(session?.role ?? '');
  const listed = usePagedConnection(OpenSuggestionsDocument, VARIABLES, connectionOf);
  const [{ data: arrived = [], error: liveError }] = useSuggestionAddedSubscription(
    {},
    (previous: SuggestionOfferFragment[] = [], event) => [event.suggestionAdded, ...previous],
  );
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const [accepting, setAccepting] = useState<SuggestionOfferFragment | null>(null);
  /** What opened the accept dialog: focus returns there when it closes. */
  const opener = useRef<HTMLElement | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const suggestions = useMemo(() => mergeSuggestions(listed.nodes, arrived, answered), [listed.nodes, arrived, answered]);
  const arrivedIds = useMemo(() => new Set(arrived.map((s) => s.id)), [arrived]);
  const latest = arrived[0];
  const answer = useCallback((id: string) => setAnswered((previous) => new Set(previous).add(id)), []);

  return (
    <section>
      <h1>Suggestions</h1>
      <p className="muted">Workflows Flowgraph suggests from what you repeat by hand. New ones appear here as they are found.</p>
      {/* Announces each arrival (and each answer) to screen readers without moving focus. */}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement || (latest ? `New suggestion: ${latest.title}` : '')}
      </p>
      {liveError && <ErrorNotice error={liveError} title="Live updates stopped: reload to see new suggestions" />}
      {listed.error && !listed.data ? (
        <ErrorNotice error={listed.error} title="Could not load your suggestions" />
      ) : listed.data === undefined && arrived.length === 0 ? (
        <p role="status" className="muted">
          Loading suggestions…
        </p>
      ) : suggestions.length === 0 ? (
        <div className="empty">
          <p>No open suggestions.</p>
          <p>
            When you repeat the same steps across tools (for example opening a pull request and then posting about it in Slack), a
            suggestion to automate them appears here.
          </p>
        </div>
      ) : (
        <ul aria-label="Open suggestions" className="suggestion-list">
          {suggestions.map((suggestion) => (
            <OfferCard
              key={suggestion.id}
              suggestion={suggestion}
              isNew={arrivedIds.has(suggestion.id)}
              canAccept={canAccept}
              onAccept={() => {
                opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
                setAccepting(suggestion);
              }}
              onDismissed={() => {
                answer(suggestion.id);
                setAnnouncement(`Dismissed “${suggestion.title}”`);
              }}
            />
          ))}
        </ul>
      )}
      <LoadMore page={listed} />
      {accepting && (
        <AcceptDialog
          suggestion={accepting}
          onClose={() => {
            setAccepting(null);
            // The dialog leaves the page rather than closing itself, so focus goes back by hand.
            requestAnimationFrame(() => opener.current?.focus());
          }}
          onAccepted={(id) => {
            answer(id);
            setAnnouncement(`Accepted “${accepting.title}”`);
          }}
        />
      )}
    </section>
  );
}
