// Placeholder until this page is built (issue 17).
export default function Settings() {
  return <h1>Settings</h1>;
}
