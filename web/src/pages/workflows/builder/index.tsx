import './builder.css';
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type OnSelectionChangeParams,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useBuilderConnectorsQuery, useSaveWorkflowDefinitionMutation } from '../../../generated/graphql';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import type { CombinedError } from 'urql';
import { readDefinition, uniqueStepId, type Branch, type FieldProblem, type StepDefinition } from './definition';
import { checkDefinition } from './definition-checks';
import { branchOf, flowEdge, fromFlow, LAYER_GAP, newKey, placeProblem, toFlow, type PlacedProblem, type StepNode } from './flow-graph';
import { DRAG_TYPE, Palette } from './Palette';
import { ProblemList } from './ProblemList';
import { paletteEntries, stepLabel, type PaletteEntry } from './step-catalog';
import { StepNodeView } from './StepNodeView';
import { StepPanel } from './StepPanel';

export interface WorkflowBuilderProps {
  workflowId: string;
  /** The version being edited (null: an empty workflow). */
  definition: Record<string, unknown> | null;
  version: number | null;
  readOnly?: boolean;
  /** Called with the new version's number once a definition is saved (it is not live yet). */
  onSaved?: (version: number) => void;
}

const nodeTypes = { step: StepNodeView };

/** The drag-and-drop editor of a workflow's definition; saving it makes a new version. */
export default function WorkflowBuilder(props: WorkflowBuilderProps) {
  return (
    <ReactFlowProvider>
      <Builder {...props} />
    </ReactFlowProvider>
  );
}

/**
 * The server's `details`, every one: a step can have several problems under the same field
 * (`definition.steps[0]`: a missing branch and a cycle), which a map by field would fold into one.
 */
function detailsOf(error: CombinedError): FieldProblem[] {
  return error.graphQLErrors.flatMap((e) => (e.extensions as { details?: FieldProblem[] }).details ?? []);
}

type Selection = { kind: 'step' | 'edge'; key: string } | null;

function Builder({ workflowId, definition, version, readOnly, onSaved }: WorkflowBuilderProps) {
  const [{ data: catalog }] = useBuilderConnectorsQuery();
  const connectors = useMemo(() => catalog?.connectors ?? [], [catalog]);
  const entries = useMemo(() => paletteEntries(connectors), [connectors]);
  const [initial] = useState(() => toFlow(readDefinition(definition)));
  const [nodes, setNodes, onNodesChange] = useNodesState<StepNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initial.edges);
  const [selection, setSelection] = useState<Selection>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<PlacedProblem[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [{ fetching: saving, error: saveError }, saveDefinition] = useSaveWorkflowDefinitionMutation();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const problemsHeading = useRef<HTMLHeadingElement>(null);

  const current = useMemo(() => fromFlow(nodes, edges), [nodes, edges]);
  const currentJson = JSON.stringify(current.definition);
  const [savedJson, setSavedJson] = useState(currentJson);
  const dirty = currentJson !== savedJson;

  // A newer version from the page (another tab saved, or a rollback) replaces an unchanged canvas.
  const loadedVersion = useRef(version);
  useEffect(() => {
    if (version === loadedVersion.current || dirty) return;
    loadedVersion.current = version;
    const flow = toFlow(readDefinition(definition));
    setNodes(flow.nodes);
    setEdges(flow.edges);
    setSavedJson(JSON.stringify(fromFlow(flow.nodes, flow.edges).definition));
    setSelection(null);
    void fitView();
  }, [version, definition, dirty, setNodes, setEdges, fitView]);

  const localProblems = useMemo(
    () =>
      attempted ? checkDefinition(current.definition, connectors).map((p) => placeProblem(p, current.stepKeys, current.edgeKeys)) : [],
    [attempted, current, connectors],
  );
  const problems = useMemo(() => [...localProblems, ...serverProblems], [localProblems, serverProblems]);
  const idOf = (key: string) => nodes.find((n) => n.id === key)?.data.step.id ?? '?';

  // React Flow re-reads its nodes whenever their identity changes: derive them only when something shown changed.
  const displayNodes = useMemo(() => {
    const flagged = new Set(problems.flatMap((p) => (p.place.kind === 'step' ? [p.place.key] : [])));
    return nodes.map((node) => {
      const label = stepLabel(node.data.step, connectors);
      const problem = flagged.has(node.id);
      return {
        ...node,
        className: problem ? 'has-problem' : undefined,
        ariaLabel: `Step ${node.data.step.id} (${label})`,
        data: { ...node.data, label, problem },
      };
    });
  }, [nodes, problems, connectors]);
  const displayEdges = useMemo(() => {
    const flagged = new Set(problems.flatMap((p) => (p.place.kind === 'edge' ? [p.place.key] : [])));
    const stepIdOf = new Map(nodes.map((n) => [n.id, n.data.step.id]));
    return edges.map((edge) => ({
      ...edge,
      className: [edge.className, flagged.has(edge.id) && 'has-problem'].filter(Boolean).join(' ') || undefined,
      ariaLabel: `Edge from ${stepIdOf.get(edge.source)} to ${stepIdOf.get(edge.target)}${edge.data?.when ? ` when ${edge.data.when}` : ''}`,
    }));
  }, [nodes, edges, problems]);
  const onSelectionChange = useCallback(({ nodes: picked, edges: pickedEdges }: OnSelectionChangeParams) => {
    if (picked[0]) setSelection({ kind: 'step', key: picked[0].id });
    else if (pickedEdges[0]) setSelection({ kind: 'edge', key: pickedEdges[0].id });
  }, []);

  const select = (next: Selection) => {
    setSelection(next);
    setNodes((all) => all.map((n) => ({ ...n, selected: next?.kind === 'step' && n.id === next.key })));
    setEdges((all) => all.map((e) => ({ ...e, selected: next?.kind === 'edge' && e.id === next.key })));
  };
  const forget = (key: string) => setServerProblems((all) => all.filter((p) => p.place.kind === 'workflow' || p.place.key !== key));

  function addStep(entry: PaletteEntry, position?: XYPosition) {
    const key = newKey('step');
    const step: StepDefinition = {
      ...entry.template,
      id: uniqueStepId(
        entry.template.type === 'connector_action' ? String(entry.template.config.action) : entry.key,
        nodes.map((n) => n.data.step.id),
      ),
    };
    const lowest = Math.max(-LAYER_GAP, ...nodes.map((n) => n.position.y));
    setNodes((all) => [
      ...all.map((n) => ({ ...n, selected: false })),
      { id: key, type: 'step', position: position ?? { x: 0, y: lowest + LAYER_GAP }, selected: true, data: { step } },
    ]);
    setSelection({ kind: 'step', key });
    // Keyboard users land on the new step's form.
    requestAnimationFrame(() => panelHeading.current?.focus());
  }

  function connect(source: string, target: string, when?: Branch) {
    if (source === target) return;
    setEdges((all) =>
      all.some((e) => e.source === source && e.target === target && e.data?.when === when) ? all : [...all, flowEdge(source, target, when)],
    );
  }
  const onConnect = (connection: Connection) => {
    const source = nodes.find((n) => n.id === connection.source);
    if (source) connect(connection.source, connection.target, branchOf(source.data.step, connection.sourceHandle));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const entry = entries.find((e) => e.key === event.dataTransfer.getData(DRAG_TYPE));
    if (entry && !readOnly) addStep(entry, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  async function save() {
    setAttempted(true);
    setServerProblems([]);
    const snapshot = current;
    if (checkDefinition(snapshot.definition, connectors).length > 0) {
      problemsHeading.current?.focus();
      return;
    }
    const result = await saveDefinition({ id: workflowId, definition: snapshot.definition as unknown as Record<string, unknown> });
    const savedVersion = result.data?.updateWorkflow.workflow.latestVersion?.version;
    if (result.error) {
      const details = detailsOf(result.error);
      setServerProblems(details.map((detail) => placeProblem(detail, snapshot.stepKeys, snapshot.edgeKeys)));
      if (details.length > 0) requestAnimationFrame(() => problemsHeading.current?.focus());
    } else if (savedVersion !== undefined) {
      loadedVersion.current = savedVersion;
      setSavedJson(JSON.stringify(snapshot.definition));
      setSaved(savedVersion);
      onSaved?.(savedVersion);
    }
  }

  const selectedNode = selection?.kind === 'step' ? nodes.find((n) => n.id === selection.key) : undefined;
  const selectedEdge = selection?.kind === 'edge' ? edges.find((e) => e.id === selection.key) : undefined;

  return (
    <div className="builder">
      <div className="builder-toolbar actions">
        <span className="muted">
          {(saved ?? version) === null ? 'New definition' : `Editing from version ${saved ?? version}`}
          {dirty ? ' · unsaved changes' : ''}
        </span>
        {!readOnly && (
          <button type="button" className="primary" onClick={() => void save()} disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save version'}
          </button>
        )}
        <p role="status" className="builder-status">
          {saved !== null && !dirty && `Saved as version ${saved}. It is not live until published.`}
        </p>
      </div>
      {saveError && detailsOf(saveError).length === 0 && <ErrorNotice error={saveError} title="Could not save" />}
      {problems.length > 0 && <ProblemList ref={problemsHeading} problems={problems} idOf={idOf} edges={edges} onSelect={select} />}
      <div className="builder-body">
        {!readOnly && <Palette entries={entries} onAdd={(entry) => addStep(entry)} />}
        <div className="builder-canvas" onDrop={onDrop} onDragOver={(e) => e.preventDefault()}>
          <ReactFlow
            nodes={displayNodes}
            edges={displayEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={(c) => c.source !== c.target}
            onNodeClick={(_, node) => setSelection({ kind: 'step', key: node.id })}
            onEdgeClick={(_, edge) => setSelection({ kind: 'edge', key: edge.id })}
            onSelectionChange={onSelectionChange}
            onPaneClick={() => setSelection(null)}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
            fitView
            fitViewOptions={{ maxZoom: 1 }}
            ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter to select this step and edit it below.' }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
          {nodes.length === 0 && <p className="builder-empty muted">No steps yet: add one from the palette.</p>}
        </div>
      </div>
      {selectedNode && (
        <StepPanel
          key={selectedNode.id}
          ref={panelHeading}
          node={selectedNode}
          nodes={nodes}
          outgoing={edges.filter((e) => e.source === selectedNode.id)}
          problems={problems.filter((p) => p.place.kind === 'step' && p.place.key === selectedNode.id)}
          connectors={connectors}
          readOnly={readOnly}
          onChange={(step) => {
            setNodes((all) => all.map((n) => (n.id === selectedNode.id ? { ...n, data: { step } } : n)));
            forget(selectedNode.id);
          }}
          onConnect={(target, when) => connect(selectedNode.id, target, when)}
          onRemoveEdge={(key) => {
            setEdges((all) => all.filter((e) => e.id !== key));
            forget(key);
          }}
          onDelete={() => {
            setNodes((all) => all.filter((n) => n.id !== selectedNode.id));
            setEdges((all) => all.filter((e) => e.source !== selectedNode.id && e.target !== selectedNode.id));
            setSelection(null);
          }}
        />
      )}
      {selectedEdge && (
        <section className="builder-panel" aria-labelledby="builder-edge-heading">
          <h2 id="builder-edge-heading">
            Edge {idOf(selectedEdge.source)} → {idOf(selectedEdge.target)}
            {selectedEdge.data?.when && ` (when ${selectedEdge.data.when})`}
          </h2>
          <ul className="field-error">
            {problems
              .filter((p) => p.place.kind === 'edge' && p.place.key === selectedEdge.id)
              .map((p) => (
                <li key={p.field + p.message}>{p.message}</li>
              ))}
          </ul>
          {!readOnly && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                setEdges((all) => all.filter((e) => e.id !== selectedEdge.id));
                forget(selectedEdge.id);
                setSelection(null);
              }}
            >
              Remove this edge
            </button>
          )}
        </section>
      )}
    </div>
  );
}
