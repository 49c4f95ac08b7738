import { Link } from 'react-router';
import { useTopPatternsQuery } from '../../generated/graphql';
import { QueryState } from '../../ui/QueryState';
import { formatRelative } from '../../ui/format';
import { describeTrend } from './trend';

/** The caller's most supported patterns: the steps, how often, and which way it is going. */
export function TopPatterns() {
  const [{ data, fetching, error }] = useTopPatternsQuery({ variables: { first: 5 } });
  return (
    <section aria-labelledby="patterns-heading">
      <h2 id="patterns-heading">Your top patterns</h2>
      <QueryState
        data={data?.me?.patterns.edges}
        fetching={fetching}
        error={error}
        label="Loading patterns"
        isEmpty={(edges) => edges.length === 0}
        empty="No patterns yet. They appear once the same steps repeat in 5 or more of your work sessions."
      >
        {(edges) => (
          <ol className="patterns">
            {edges.map(({ node: pattern }) => {
              const trend = describeTrend(pattern.trend);
              return (
                <li key={pattern.id} className="card">
                  <p className="sequence">
                    {pattern.sequence.map((step, index) => (
                      <span key={index}>
                        {index > 0 && (
                          <>
                            <span aria-hidden="true"> → </span>
                            <span className="visually-hidden"> then </span>
                          </>
                        )}
                        <span className="badge">{step.tool}</span> <code>{step.eventType}</code>
                      </span>
                    ))}
                  </p>
                  <p className="muted">
                    In {pattern.support} sessions · {Math.round(pattern.confidence * 100)} % confidence · last seen{' '}
                    {formatRelative(pattern.lastSeenAt)}
                  </p>
                  <p>
                    <span className={`trend trend-${pattern.trend.direction.toLowerCase()}`}>
                      <span aria-hidden="true">{trend.symbol}</span> {trend.label}
                    </span>{' '}
                    <span className="muted">({trend.detail})</span>
                  </p>
                  {pattern.suggestion?.status === 'OPEN' && <Link to="/suggestions">See the suggestion to automate it</Link>}
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
