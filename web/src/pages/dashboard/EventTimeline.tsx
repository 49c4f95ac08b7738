import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { RecentEventsDocument, type RecentEventsQuery } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { LoadMore } from '../../ui/LoadMore';
import { formatDateTime, formatRelative } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { RANGES, checkFilters, eventFilterOf, filtersFromParams, paramsFromFilters, type RangeKey } from './event-filter';

const PAGE_SIZE = 25;
const connectionOf = (data: RecentEventsQuery) => data.events;

/** The organization's events, newest first, filtered from the address bar and scrolled page by page. */
export function EventTimeline() {
  const [params, setParams] = useSearchParams();
  const applied = filtersFromParams(params);
  const [form, setForm] = useState(applied);
  const [problems, setProblems] = useState<ReturnType<typeof checkFilters>>({});
  const appliedKey = paramsFromFilters(applied).toString();
  // The range counts back from when the filters were applied, so re-renders keep the same query.
  const variables = useMemo(
    () => ({ first: PAGE_SIZE, filter: eventFilterOf(filtersFromParams(new URLSearchParams(appliedKey)), Date.now()) }),
    [appliedKey],
  );
  const events = usePagedConnection(RecentEventsDocument, variables, connectionOf);

  function apply(event: FormEvent) {
    event.preventDefault();
    const failed = checkFilters(form);
    setProblems(failed);
    if (Object.keys(failed).length === 0) setParams(paramsFromFilters(form), { replace: true });
  }
  function clear() {
    const none = { tool: '', eventType: '', range: '7d' as RangeKey };
    setForm(none);
    setProblems({});
    setParams(new URLSearchParams(), { replace: true });
  }

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Recent events</h2>
      <form className="filters" onSubmit={apply} noValidate aria-label="Filter events">
        <Field
          label="Tool"
          value={form.tool}
          placeholder="e.g. github"
          onChange={(e) => setForm({ ...form, tool: e.target.value })}
          error={problems.tool}
        />
        <Field
          label="Event type"
          value={form.eventType}
          placeholder="e.g. pr.opened"
          onChange={(e) => setForm({ ...form, eventType: e.target.value })}
          error={problems.eventType}
        />
        <div className="field">
          <label htmlFor="timeline-range">Time range</label>
          <select id="timeline-range" value={form.range} onChange={(e) => setForm({ ...form, range: e.target.value as RangeKey })}>
            {Object.entries(RANGES).map(([key, range]) => (
              <option key={key} value={key}>
                {range.label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="link" onClick={clear}>
            Clear
          </button>
        </div>
      </form>
      {events.error && !events.data ? (
        <ErrorNotice error={events.error} title="Could not load events" />
      ) : !events.data ? (
        <p role="status" className="muted">
          Loading events…
        </p>
      ) : events.nodes.length === 0 ? (
        <div className="empty">
          {appliedKey && appliedKey !== 'range=all'
            ? 'No events match these filters. Widen the time range or clear the filters.'
            : 'No events yet. Connect a tool under Integrations, or send events with ingestEvents (see the API docs).'}
        </div>
      ) : (
        <ol className="timeline" aria-label="Events, newest first">
          {events.nodes.map((event) => (
            <li key={event.id}>
              <time dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
                {formatRelative(event.occurredAt)}
              </time>
              <span className="badge">{event.tool}</span> <code>{event.eventType}</code>
              {event.user && <span className="muted"> · {event.user.name}</span>}
            </li>
          ))}
        </ol>
      )}
      <LoadMore page={events} auto />
    </section>
  );
}
