// Placeholder until this page is built (issue 17).
export default function AcceptInvitation() {
  return <h1>AcceptInvitation</h1>;
}
