import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Settings from '../../src/pages/settings/Settings';
import { answer, callsOf, graphError, type Handler } from '../support/graph';
import { renderAt, sessionAs, storeSession, storedSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const request = (status: string, downloadUrl: string | null = null) => ({
  id: 'req-1',
  kind: 'EXPORT',
  status,
  requestedAt: '2026-12-01T10:00:00.000Z',
  completedAt: status === 'COMPLETED' ? '2026-12-01T10:01:00.000Z' : null,
  downloadUrl,
  expiresAt: downloadUrl ? '2026-12-02T10:01:00.000Z' : null,
});

function openAccount(handlers: Record<string, Handler>) {
  answer({ LogOut: () => ({ data: { logOut: { revoked: false } } }), ...handlers });
  storeSession(sessionAs('OWNER'));
  renderAt('/settings/account', '/settings/*', <Settings />);
}

describe('Data export', () => {
  it('requests an export and shows that it is queued', async () => {
    let asked = false;
    openAccount({
      MyDataRequests: () => ({ data: { dataSubjectRequests: asked ? [request('PENDING')] : [] } }),
      RequestDataExport: () => ((asked = true), { data: { requestDataExport: { request: request('PENDING') } } }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Request an export' }));
    expect(callsOf('RequestDataExport')).toHaveLength(1);
    expect(await screen.findByText('Queued')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request an export' })).toBeDisabled();
  });

  it('downloads a ready export with the signed-in credentials', async () => {
    const url = '/data-exports/req-1?expires=1&signature=abc';
    openAccount({ MyDataRequests: () => ({ data: { dataSubjectRequests: [request('COMPLETED', url)] } }) });
    const download = vi.fn(async () => new Response('{"core":{}}', { status: 200 }));
    vi.stubGlobal('fetch', download);
    const objectUrl = vi.fn(() => 'blob:export');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: objectUrl, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    expect(await screen.findByText('Ready')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Download export' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(download).toHaveBeenCalledWith(url, { headers: { authorization: 'Bearer access-org-1' } });
    expect(objectUrl).toHaveBeenCalledTimes(1);
  });

  it('says so when the link was used or expired', async () => {
    openAccount({
      MyDataRequests: () => ({ data: { dataSubjectRequests: [request('COMPLETED', '/data-exports/req-1?expires=1&signature=abc')] } }),
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 404 })),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Download export' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The link was used or has expired: request a new export.');
  });
});

describe('Account deletion', () => {
  it('asks first, then deletes the account with its email and signs out', async () => {
    openAccount({
      MyDataRequests: () => ({ data: { dataSubjectRequests: [] } }),
      DeleteMyAccount: () => ({ data: { deleteMyAccount: { request: { ...request('PENDING'), kind: 'ERASURE' } } } }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete my account' }));
    const question = screen.getByRole('group', { name: 'Delete my account' });
    expect(question).toHaveTextContent('Delete the account ada@example.com and all of its data, for good?');
    expect(callsOf('DeleteMyAccount')).toEqual([]);
    await userEvent.click(within(question).getByRole('button', { name: 'Delete my account for good' }));
    expect(callsOf('DeleteMyAccount').map((call) => call.variables)).toEqual([{ confirmEmail: 'ada@example.com' }]);
    await vi.waitFor(() => expect(storedSession()).toBeNull());
  });

  it('stays signed in and names the organizations to hand over when refused', async () => {
    openAccount({
      MyDataRequests: () => ({ data: { dataSubjectRequests: [] } }),
      DeleteMyAccount: () =>
        graphError('You are the only owner of "Engines": make another member an owner or delete that organization first', 'CONFLICT'),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete my account' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    expect(await screen.findByText('Could not delete your account')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('You are the only owner of "Engines"');
    expect(storedSession()?.user.id).toBe('user-1');
  });
});
