import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Settings from '../../src/pages/settings/Settings';
import { answer, callsOf } from '../support/graph';
import { renderAt, sessionAs, storeSession } from '../support/session';

vi.mock('../../src/session/client', async () => (await import('../support/graph')).graphClientModule);

afterEach(() => {
  cleanup();
  storeSession(null);
});

const key = {
  id: 'key-1',
  name: 'Partner sync',
  prefix: 'fg_ab12',
  role: 'MEMBER',
  scopes: ['events:write', 'workflows:read'],
  createdAt: '2025-03-01T10:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  createdBy: { id: 'user-1', name: 'Ada Lovelace' },
};

function openApiKeys(role: 'OWNER' | 'ADMIN' | 'MEMBER', keys: (typeof key)[] = []) {
  answer({
    ApiKeys: () => ({ data: { apiKeys: keys } }),
    CreateApiKey: () => ({ data: { createApiKey: { secret: 'fg_ab12_s3cr3t', apiKey: key } } }),
    RevokeApiKey: () => ({ data: { revokeApiKey: { apiKey: { ...key, revokedAt: '2025-03-03T10:00:00.000Z' } } } }),
  });
  storeSession(sessionAs(role));
  renderAt('/settings/api-keys', '/settings/*', <Settings />);
}

const form = () => screen.getByRole('form', { name: 'New API key' });

describe('API keys', () => {
  it('turns the form into the input: trimmed name, role, scopes in the fixed order, end of the expiry day', async () => {
    openApiKeys('ADMIN');
    expect(await screen.findByText(/No API keys yet/)).toBeInTheDocument();
    await userEvent.type(within(form()).getByLabelText('Name'), '  Partner sync ');
    await userEvent.selectOptions(within(form()).getByLabelText('Role'), 'VIEWER');
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'workflows:read' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'events:write' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'audit:read' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'audit:read' }));
    await userEvent.type(within(form()).getByLabelText('Expires on (optional)'), '2999-12-31');
    await userEvent.click(screen.getByRole('button', { name: 'Create API key' }));

    expect(await screen.findByRole('region', { name: 'Secret of the API key Partner sync' })).toHaveTextContent('shown only once');
    expect(callsOf('CreateApiKey')[0].variables).toEqual({
      input: {
        name: 'Partner sync',
        role: 'VIEWER',
        scopes: ['events:write', 'workflows:read'],
        expiresAt: new Date('2999-12-31T23:59:59.999').toISOString(),
      },
    });
    expect(screen.getByDisplayValue('fg_ab12_s3cr3t')).toBeInTheDocument();
    expect(within(form()).getByLabelText('Name')).toHaveValue('');
    // The list is asked again (persisted documents carry no __typename for urql's cache to go by).
    await vi.waitFor(() => expect(callsOf('ApiKeys')).toHaveLength(2));
  });

  it('asks for a name and a scope before sending, and never expires a key when no day is chosen', async () => {
    openApiKeys('OWNER');
    await userEvent.click(screen.getByRole('button', { name: 'Create API key' }));
    expect(within(form()).getByLabelText('Name')).toHaveAccessibleDescription("Enter the key's name");
    expect(within(form()).getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription('Choose at least one scope');
    expect(callsOf('CreateApiKey')).toHaveLength(0);

    await userEvent.type(within(form()).getByLabelText('Name'), 'CI');
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'workflows:execute' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create API key' }));
    await screen.findByRole('region', { name: /Secret of the API key/ });
    expect(callsOf('CreateApiKey')[0].variables).toEqual({ input: { name: 'CI', role: 'MEMBER', scopes: ['workflows:execute'] } });
  });

  it('offers roles up to the creator’s own and revokes a key after confirmation', async () => {
    openApiKeys('ADMIN', [key]);
    const options = within(within(form()).getByLabelText('Role')).getAllByRole('option');
    expect(options.map((option) => option.getAttribute('value'))).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);

    await userEvent.click(await screen.findByRole('button', { name: 'Revoke the API key Partner sync' }));
    expect(screen.getByRole('group', { name: 'Revoke the API key Partner sync' })).toHaveTextContent(
      'Revoke the API key "Partner sync" (fg_ab12)? Whatever uses it stops working within 30 seconds.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsOf('RevokeApiKey')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke the API key Partner sync' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(callsOf('RevokeApiKey')[0].variables).toEqual({ id: 'key-1' });
  });

  it('is not offered to members', () => {
    openApiKeys('MEMBER');
    expect(screen.queryByRole('link', { name: 'API keys' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only admins and owners manage API keys/)).toBeInTheDocument();
    expect(callsOf('ApiKeys')).toHaveLength(0);
  });
});
