import type { IntegrationHealthStatus } from '../../generated/graphql';
import { HEALTH_TONE } from './integration-labels';

/** The last health check's verdict; "Not checked" before the first. */
export function HealthBadge({ health }: { health: IntegrationHealthStatus | null }) {
  if (!health) return <span className="muted">Not checked</span>;
  return <span className={`badge ${HEALTH_TONE[health]}`}>{health}</span>;
}
