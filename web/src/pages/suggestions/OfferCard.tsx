import { useDismissSuggestionMutation, type SuggestionOfferFragment } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatRelative } from '../../ui/format';

interface OfferCardProps {
  suggestion: SuggestionOfferFragment;
  /** Arrived live while the page was open. */
  isNew: boolean;
  /** False for members and viewers: creating a workflow needs an admin. */
  canAccept: boolean;
  onAccept: () => void;
  onDismissed: () => void;
}

/** One open suggestion: what it would automate, what it saves, and its two answers. */
export function OfferCard({ suggestion, isNew, canAccept, onAccept, onDismissed }: OfferCardProps) {
  const [{ fetching, error }, dismiss] = useDismissSuggestionMutation();
  async function dismissIt() {
    const result = await dismiss({ id: suggestion.id });
    if (result.data) onDismissed();
  }
  return (
    <li className="card suggestion-card">
      <h2>
        {suggestion.title} {isNew && <span className="badge badge-ok">New</span>}
      </h2>
      <p>{suggestion.explanation}</p>
      <dl className="facts">
        <div>
          <dt>Saves about</dt>
          <dd>{suggestion.estimatedMinutesSavedPerWeek} min a week</dd>
        </div>
        <div>
          <dt>Connectors</dt>
          <dd>
            <ul className="connectors" aria-label="Connectors">
              {suggestion.template.connectors.map((connector) => (
                <li key={connector} className="badge">
                  {connector}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Offered</dt>
          <dd>
            <time dateTime={suggestion.offeredAt}>{formatRelative(suggestion.offeredAt)}</time>
          </dd>
        </div>
      </dl>
      {error && <ErrorNotice error={error} title="Could not dismiss it" />}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={onAccept}
          disabled={!canAccept}
          aria-label={`Accept “${suggestion.title}”`}
          aria-describedby={canAccept ? undefined : `admin-only-${suggestion.id}`}
        >
          Accept
        </button>
        <button type="button" onClick={() => void dismissIt()} disabled={fetching} aria-label={`Dismiss “${suggestion.title}”`}>
          {fetching ? 'Dismissing…' : 'Dismiss'}
        </button>
      </div>
      {!canAccept && (
        <p id={`admin-only-${suggestion.id}`} className="muted">
          Accepting creates a workflow, which needs an admin: ask one to accept it.
        </p>
      )}
    </li>
  );
}
