// Placeholder until this page is built (issue 17).
export default function WorkflowPage() {
  return <h1>WorkflowPage</h1>;
}
