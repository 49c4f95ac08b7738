// Placeholder until this page is built (issue 17).
export default function Suggestions() {
  return <h1>Suggestions</h1>;
}
