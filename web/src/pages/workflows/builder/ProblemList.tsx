import { forwardRef } from 'react';
import type { PlacedProblem, StepEdge } from './flow-graph';

interface ProblemListProps {
  problems: PlacedProblem[];
  idOf: (stepKey: string) => string;
  edges: StepEdge[];
  onSelect: (selection: { kind: 'step' | 'edge'; key: string }) => void;
}

/** Every problem in one list; each names its step or edge and selects it, which opens its form. */
export const ProblemList = forwardRef<HTMLHeadingElement, ProblemListProps>(function ProblemList(
  { problems, idOf, edges, onSelect },
  headingRef,
) {
  const edgeName = (key: string) => {
    const edge = edges.find((e) => e.id === key);
    return edge ? `Edge ${idOf(edge.source)} → ${idOf(edge.target)}${edge.data?.when ? ` (${edge.data.when})` : ''}` : 'An edge';
  };
  return (
    <section className="notice notice-error builder-problems" aria-labelledby="builder-problems-heading">
      <h2 id="builder-problems-heading" ref={headingRef} tabIndex={-1}>
        {problems.length === 1 ? '1 problem to fix before saving' : `${problems.length} problems to fix before saving`}
      </h2>
      <ul>
        {problems.map(({ field, message, place }) => (
          <li key={field + message}>
            {place.kind === 'workflow' ? (
              <strong>Workflow</strong>
            ) : (
              <button type="button" className="link" onClick={() => onSelect({ kind: place.kind, key: place.key })}>
                {place.kind === 'step' ? `Step ${idOf(place.key)}` : edgeName(place.key)}
              </button>
            )}
            {place.kind === 'step' && place.path && ` · ${place.path.replace(/^config\.(input\.)?/, '')}`}: {message}
          </li>
        ))}
      </ul>
    </section>
  );
});
