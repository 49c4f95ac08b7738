// Placeholder until this page is built (issue 17).
export default function Reports() {
  return <h1>Reports</h1>;
}
