import { describe, expect, it } from 'vitest';
import { checkConnectForm, credentialLabel } from '../../src/pages/integrations/credential-form';
import { oauthOutcome } from '../../src/pages/integrations/integration-labels';

const S3_FIELDS = ['accessKeyId', 'secretAccessKey', 'region', 'sessionToken'];

describe('checkConnectForm', () => {
  it('sends the filled credentials by name and leaves blank (optional) ones out', () => {
    const { problems, credentials } = checkConnectForm(
      { displayName: ' Data lake ', credentials: { accessKeyId: 'AKIAEXAMPLE12345678', secretAccessKey: 's3cr3t', region: 'eu-west-1' } },
      S3_FIELDS,
    );
    expect(problems).toEqual({});
    expect(credentials).toEqual([
      { name: 'accessKeyId', value: 'AKIAEXAMPLE12345678' },
      { name: 'secretAccessKey', value: 's3cr3t' },
      { name: 'region', value: 'eu-west-1' },
    ]);
  });

  it('asks for a connection name of at most 100 characters', () => {
    expect(checkConnectForm({ displayName: '   ', credentials: {} }, []).problems).toEqual({
      displayName: 'Enter a name for this connection',
    });
    expect(checkConnectForm({ displayName: 'x'.repeat(101), credentials: {} }, []).problems.displayName).toBe('At most 100 characters');
    expect(checkConnectForm({ displayName: 'x'.repeat(100), credentials: {} }, []).problems).toEqual({});
  });

  it("names the credential that is too long or carries stray spaces, by the server's field path", () => {
    const { problems } = checkConnectForm({ displayName: 'HTTP', credentials: { authorization: 'a'.repeat(4097) } }, ['authorization']);
    expect(problems).toEqual({ 'credentials.authorization': 'At most 4096 characters' });
    expect(
      checkConnectForm({ displayName: 'S3', credentials: { secretAccessKey: 'abc\n' } }, S3_FIELDS).problems['credentials.secretAccessKey'],
    ).toBe('Remove the spaces at the start or end');
  });

  it('keeps spaces inside a value (an Authorization header)', () => {
    const { problems, credentials } = checkConnectForm({ displayName: 'API', credentials: { authorization: 'Bearer abc' } }, [
      'authorization',
    ]);
    expect(problems).toEqual({});
    expect(credentials).toEqual([{ name: 'authorization', value: 'Bearer abc' }]);
  });
});

describe('credentialLabel', () => {
  it('turns a camelCase field name into a label', () => {
    expect(S3_FIELDS.map(credentialLabel)).toEqual(['Access key id', 'Secret access key', 'Region', 'Session token']);
  });
});

describe('oauthOutcome', () => {
  it('reads where the OAuth callback landed', () => {
    expect(oauthOutcome(new URLSearchParams(''))).toBeNull();
    expect(oauthOutcome(new URLSearchParams('status=connected'))).toEqual({ ok: true });
    expect(oauthOutcome(new URLSearchParams('status=failed&reason=provider_denied'))).toEqual({
      ok: false,
      reason: 'Access was not granted at the provider.',
    });
    expect(oauthOutcome(new URLSearchParams('status=failed&reason=<script>'))).toEqual({
      ok: false,
      reason: 'The connection could not be completed.',
    });
  });
});
