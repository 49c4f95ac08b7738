// Stub so this branch builds on its own: the builder's engineer writes the real WorkflowBuilder in
// this folder, and theirs replaces this file at merge. Same contract: the definition of `version`.
export interface WorkflowBuilderProps {
  workflowId: string;
  definition: Record<string, unknown> | null;
  version: number | null;
  readOnly?: boolean;
  onSaved?: (version: number) => void;
}

export default function WorkflowBuilder({ definition, version }: WorkflowBuilderProps) {
  return (
    <figure>
      <figcaption className="muted">Version {version ?? '—'} (read only)</figcaption>
      <pre className="definition" tabIndex={0}>
        {JSON.stringify(definition ?? {}, null, 2)}
      </pre>
    </figure>
  );
}
