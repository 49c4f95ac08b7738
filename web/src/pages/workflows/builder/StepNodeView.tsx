import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CONDITION } from './definition';
import type { StepNode } from './flow-graph';

/**
 * A step on the canvas: its id and kind; a condition has one outgoing handle per branch. Handles
 * are for the pointer and carry no label (ARIA forbids one on a div without a role): the step's
 * panel connects steps from the keyboard.
 */
export function StepNodeView({ data }: NodeProps<StepNode>) {
  const { step, label, problem } = data;
  return (
    <div className="step-node">
      <Handle type="target" position={Position.Top} />
      <strong className="step-node-id">{step.id}</strong>
      <span className="step-node-type">{label ?? step.type}</span>
      {problem && <span className="step-node-flag">Needs attention</span>}
      {step.type === CONDITION ? (
        <div className="step-node-branches">
          <span>true</span>
          <span>false</span>
          <Handle type="source" id="true" position={Position.Bottom} className="handle-true" />
          <Handle type="source" id="false" position={Position.Bottom} className="handle-false" />
        </div>
      ) : (
        <Handle type="source" position={Position.Bottom} />
      )}
    </div>
  );
}
