import { Link } from 'react-router';
import { useDashboardQuery } from '../../generated/graphql';
import { QueryState } from '../../ui/QueryState';

const SHOWN = 3;

/** How many suggestions wait for an answer, the first few, and the way to the suggestions page. */
export function OpenSuggestionsSummary() {
  const [{ data, fetching, error }] = useDashboardQuery({ variables: { suggestionsFirst: SHOWN, workflowsFirst: 1 } });
  const suggestions = data?.me?.suggestions;
  return (
    <section aria-labelledby="open-suggestions-heading">
      <h2 id="open-suggestions-heading">Open suggestions</h2>
      <QueryState
        data={suggestions}
        fetching={fetching}
        error={error}
        label="Loading suggestions"
        isEmpty={(connection) => connection.edges.length === 0}
        empty="No open suggestions. Flowgraph suggests a workflow when it sees you repeat the same steps."
      >
        {(connection) => (
          <>
            <p>
              <strong>
                {connection.edges.length}
                {connection.pageInfo.hasNextPage ? '+' : ''}
              </strong>{' '}
              suggestion{connection.edges.length === 1 && !connection.pageInfo.hasNextPage ? '' : 's'} waiting for an answer.{' '}
              <Link to="/suggestions">Review suggestions</Link>
            </p>
            <ul className="cards">
              {connection.edges.map(({ node }) => (
                <li key={node.id} className="card">
                  <h3>
                    <Link to="/suggestions">{node.title}</Link>
                  </h3>
                  <p className="muted">Saves about {node.estimatedMinutesSavedPerWeek} min a week</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}
