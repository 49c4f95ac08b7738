// Placeholder until this page is built (issue 17).
export default function Integrations() {
  return <h1>Integrations</h1>;
}
