import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { VersionsSection, versionAction } from '../../src/pages/workflows/VersionsSection';
import type { WorkflowDetail } from '../../src/pages/workflows/WorkflowPage';
import { workflowDetail } from './fixtures';
import { mockClient, mutationsOf, renderTree } from './mock-client';

const workflow = workflowDetail().workflow as WorkflowDetail;
const version = (n: number, isLive = false) => ({
  node: { id: `v${n}`, version: n, isLive, createdAt: `2026-01-0${n}T10:00:00Z`, createdBy: { id: 'u1', name: 'Ada' } },
});
const versions = () => ({
  workflow: {
    id: 'w1',
    versions: { edges: [version(3), version(2, true), version(1)], pageInfo: { hasNextPage: false, endCursor: null } },
  },
});
const payload = (v: Record<string, unknown>) => ({
  workflow: { id: v.id, updatedAt: '2026-01-04T00:00:00Z', liveVersion: { id: 'vx', version: 1 } },
});

const rowOf = (n: number) => screen.getAllByRole('row').find((row) => within(row).queryByRole('cell', { name: new RegExp(`^${n}\\b`) }))!;

describe('versions', () => {
  it('publishes newer versions and rolls back to older ones', () => {
    expect(versionAction(3, 2)).toBe('publish');
    expect(versionAction(2, 2)).toBe('live');
    expect(versionAction(1, 2)).toBe('rollback');
    expect(versionAction(1, undefined)).toBe('publish');
  });

  it('lists versions with which is live, and publishes one', async () => {
    const client = mockClient({ WorkflowVersions: versions, PublishWorkflow: (v) => ({ publishWorkflow: payload(v) }) });
    render(renderTree(client, <VersionsSection workflow={workflow} editable />));
    await screen.findByRole('table');
    expect(within(rowOf(2)).getByText('Live')).toBeInTheDocument();
    expect(within(rowOf(2)).queryByRole('button')).not.toBeInTheDocument();
    await userEvent.click(within(rowOf(3)).getByRole('button', { name: 'Publish version 3' }));
    expect(mutationsOf(client)).toEqual([['PublishWorkflow', { id: 'w1', version: 3 }]]);
  });

  it('rolls back only after confirming', async () => {
    const client = mockClient({ WorkflowVersions: versions, RollbackWorkflow: (v) => ({ rollbackWorkflow: payload(v) }) });
    render(renderTree(client, <VersionsSection workflow={workflow} editable />));
    await screen.findByRole('table');
    await userEvent.click(within(rowOf(1)).getByRole('button', { name: 'Roll back to version 1' }));
    expect(screen.getByText(/Make version 1 live again\?/)).toBeInTheDocument();
    expect(mutationsOf(client)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(mutationsOf(client)).toEqual([]);
    await userEvent.click(within(rowOf(1)).getByRole('button', { name: 'Roll back to version 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(mutationsOf(client)).toEqual([['RollbackWorkflow', { id: 'w1', toVersion: 1 }]]));
    expect(await screen.findByText('Rolled back to version 1.')).toBeInTheDocument();
  });

  it('offers no actions to someone who may not edit', async () => {
    const client = mockClient({ WorkflowVersions: versions });
    render(renderTree(client, <VersionsSection workflow={workflow} editable={false} />));
    await screen.findByRole('table');
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
