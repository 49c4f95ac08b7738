// Placeholder until this page is built (issue 17).
export default function Dashboard() {
  return <h1>Dashboard</h1>;
}
