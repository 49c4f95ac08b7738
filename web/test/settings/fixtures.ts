/** Answers of the settings operations, shaped as the graph returns them. */

const page = <Node>(nodes: Node[]) => ({ edges: nodes.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } });

export const member = (id: string, role: string, name: string, email: string) => ({
  id,
  role,
  createdAt: '2025-01-02T10:00:00.000Z',
  user: { id: `user-${id}`, name, email },
});

export const membersAnswer =
  (...members: ReturnType<typeof member>[]) =>
  () => ({
    data: { currentOrganization: { id: 'org-1', members: page(members) } },
  });

export const invitationsAnswer = () => ({ data: { invitations: page([]) } });

export const invitation = (email: string, role: string) => ({
  id: `inv-${email}`,
  email,
  role,
  createdAt: '2025-03-01T10:00:00.000Z',
  expiresAt: '2025-03-08T10:00:00.000Z',
  revokedAt: null,
  invitedBy: { id: 'user-1', name: 'Ada Lovelace' },
});

export const session = (id: string, current: boolean) => ({
  id,
  userAgent: `Browser ${id}`,
  ip: '203.0.113.7',
  createdAt: '2025-03-01T10:00:00.000Z',
  lastUsedAt: '2025-03-02T10:00:00.000Z',
  expiresAt: '2025-04-01T10:00:00.000Z',
  current,
});
