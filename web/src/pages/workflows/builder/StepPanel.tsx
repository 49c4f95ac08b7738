import { forwardRef, useState } from 'react';
import { Field } from '../../../ui/Field';
import { CONDITION, CONNECTOR_ACTION, type Branch, type StepDefinition } from './definition';
import type { PlacedProblem, StepEdge, StepNode } from './flow-graph';
import { SchemaForm } from './SchemaForm';
import { actionInputSchema, STEP_CONFIG_SCHEMAS, stepLabel, type ConnectorCatalog } from './step-catalog';

interface StepPanelProps {
  node: StepNode;
  /** Every step, to pick the next one from. */
  nodes: StepNode[];
  /** The edges leaving this step. */
  outgoing: StepEdge[];
  /** Problems placed on this step (the builder's checks and the server's). */
  problems: PlacedProblem[];
  connectors: ConnectorCatalog;
  readOnly?: boolean;
  onChange: (step: StepDefinition) => void;
  onConnect: (targetKey: string, when?: Branch) => void;
  onRemoveEdge: (edgeKey: string) => void;
  onDelete: () => void;
}

/** Problems under a path prefix, by the property right after it (`config.input.channel` → `channel`). */
function problemsUnder(problems: PlacedProblem[], prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const problem of problems) {
    if (problem.place.kind !== 'step' || !problem.place.path.startsWith(prefix)) continue;
    const name = problem.place.path.slice(prefix.length).split(/[.[]/)[0]!;
    found[name] ??= problem.message;
  }
  return found;
}

/**
 * The selected step's form: id, name, its type's config generated from the config schema (a
 * connector step's input from its action's schema), and the edges to the steps after it, which
 * can be added here without a pointer.
 */
export const StepPanel = forwardRef<HTMLHeadingElement, StepPanelProps>(function StepPanel(
  { node, nodes, outgoing, problems, connectors, readOnly, onChange, onConnect, onRemoveEdge, onDelete },
  headingRef,
) {
  const step = node.data.step;
  const own = problemsUnder(problems, '');
  const configProblems = problemsUnder(problems, 'config.');
  const inputSchema = step.type === CONNECTOR_ACTION ? actionInputSchema(step, connectors) : undefined;
  const general = problems.filter((p) => p.place.kind === 'step' && !/^(id|name|config)\b/.test(p.place.path));
  const setConfig = (config: Record<string, unknown>) => onChange({ ...step, config });
  const targets = nodes.filter((other) => other.id !== node.id);
  const [target, setTarget] = useState('');
  const [branch, setBranch] = useState<Branch>('true');
  const stepIdOf = (key: string) => nodes.find((n) => n.id === key)?.data.step.id ?? key;

  return (
    <section className="builder-panel" aria-labelledby={`${node.id}-heading`}>
      <h2 id={`${node.id}-heading`} ref={headingRef} tabIndex={-1}>
        Step {step.id}
      </h2>
      <p className="muted">{stepLabel(step, connectors)}</p>
      {general.length > 0 && (
        <ul className="field-error builder-step-problems">
          {general.map((problem) => (
            <li key={problem.field + problem.message}>{problem.message}</li>
          ))}
        </ul>
      )}
      <Field
        label="Step id"
        value={step.id}
        disabled={readOnly}
        error={own.id}
        onChange={(e) => onChange({ ...step, id: e.target.value })}
      />
      <Field
        label="Name (optional)"
        value={step.name ?? ''}
        disabled={readOnly}
        error={own.name}
        onChange={(e) => {
          const { name: _name, ...rest } = step;
          onChange(e.target.value ? { ...rest, name: e.target.value } : rest);
        }}
      />
      {STEP_CONFIG_SCHEMAS[step.type] ? (
        <SchemaForm
          schema={STEP_CONFIG_SCHEMAS[step.type]!}
          values={step.config}
          onChange={setConfig}
          errors={configProblems}
          disabled={readOnly}
          omit={step.type === CONNECTOR_ACTION ? ['connector', 'action', ...(inputSchema ? ['input'] : [])] : []}
        />
      ) : (
        <p className="field-error">Unknown step type {step.type}: it cannot be edited here.</p>
      )}
      {inputSchema && (
        <fieldset className="builder-input">
          <legend>Input</legend>
          <p className="muted">Values, or expressions in {'{{ }}'} evaluated when the step runs.</p>
          <SchemaForm
            schema={inputSchema}
            values={(step.config.input as Record<string, unknown> | undefined) ?? {}}
            onChange={(input) => setConfig({ ...step.config, input })}
            errors={problemsUnder(problems, 'config.input.')}
            disabled={readOnly}
          />
        </fieldset>
      )}

      <h3>Next steps</h3>
      {outgoing.length === 0 ? (
        <p className="muted">None: this step ends its path.</p>
      ) : (
        <ul className="builder-next">
          {outgoing.map((edge) => (
            <li key={edge.id}>
              → {stepIdOf(edge.target)}
              {edge.data?.when && ` (when ${edge.data.when})`}
              {!readOnly && (
                <button type="button" className="link" onClick={() => onRemoveEdge(edge.id)}>
                  Remove edge to {stepIdOf(edge.target)}
                  {edge.data?.when && ` (${edge.data.when})`}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && targets.length > 0 && (
        <div className="actions builder-connect">
          <label>
            Then run{' '}
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">— a step —</option>
              {targets.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.data.step.id}
                </option>
              ))}
            </select>
          </label>
          {step.type === CONDITION && (
            <label>
              when{' '}
              <select value={branch} onChange={(e) => setBranch(e.target.value as Branch)}>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            </label>
          )}
          <button type="button" disabled={!target} onClick={() => onConnect(target, step.type === CONDITION ? branch : undefined)}>
            Connect
          </button>
        </div>
      )}
      {!readOnly && (
        <p>
          <button type="button" className="danger" onClick={onDelete}>
            Delete step {step.id}
          </button>
        </p>
      )}
    </section>
  );
});
