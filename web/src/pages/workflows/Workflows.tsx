// Placeholder until this page is built (issue 17).
export default function Workflows() {
  return <h1>Workflows</h1>;
}
