// Placeholder until this page is built (issue 17).
export default function ExecutionPage() {
  return <h1>ExecutionPage</h1>;
}
