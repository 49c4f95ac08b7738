import { createCipheriv, randomBytes } from 'node:crypto';
import { ConfigError, SecretKeyring, loadConfig, secretKeyringFromConfig, secretKeysShape } from '../src';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const legacy = randomBytes(32);

/** What Workflow's webhook secret cipher stored before the keyring: `v1.<iv>.<tag>.<ciphertext>`. */
function legacyV1(plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', legacy, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

const ring = (current: string) =>
  new SecretKeyring(
    [
      { id: 'a', key: keyA },
      { id: 'b', key: keyB },
    ],
    current,
    { legacyV1Key: legacy },
  );

it('round-trips under the current key and records its id', () => {
  const stored = ring('a').encrypt('whsec_top', 'trigger-1');
  expect(stored.startsWith('k1:a.')).toBe(true);
  expect(stored).not.toContain('whsec_top');
  expect(ring('a').decrypt(stored, 'trigger-1')).toBe('whsec_top');
  // Another keyring holding the same keys reads it whatever its current key.
  expect(ring('b').decrypt(stored, 'trigger-1')).toBe('whsec_top');
});

it('says whether a value is under the current key', () => {
  const underA = ring('a').encrypt('s', 'x');
  expect(ring('a').isCurrent(underA)).toBe(true);
  expect(ring('b').isCurrent(underA)).toBe(false);
  expect(ring('b').isCurrent(legacyV1('s', 'x'))).toBe(false);
});

it('refuses another AAD', () => {
  const stored = ring('a').encrypt('whsec_top', 'trigger-1');
  expect(() => ring('a').decrypt(stored, 'trigger-2')).toThrow('secret does not decrypt');
});

it('refuses a tampered value without showing it', () => {
  const stored = ring('a').encrypt('whsec_top', 'trigger-1');
  const last = stored.at(-1) === 'A' ? 'B' : 'A';
  const tampered = stored.slice(0, -1) + last;
  expect(() => ring('a').decrypt(tampered, 'trigger-1')).toThrow('secret does not decrypt');
  expect(() => ring('a').decrypt('k1:a.garbage', 'trigger-1')).toThrow('unknown secret format');
  expect(() => ring('a').decrypt('plaintext', 'trigger-1')).toThrow('unknown secret format');
});

it('refuses an unknown key id, naming the id only', () => {
  const stored = new SecretKeyring([{ id: 'c', key: randomBytes(32) }], 'c').encrypt('whsec_top', 'trigger-1');
  expect(() => ring('a').decrypt(stored, 'trigger-1')).toThrow("unknown encryption key id 'c'");
});

it('decrypts the legacy v1 format with the legacy key, and only with it', () => {
  const stored = legacyV1('whsec_old', 'trigger-1');
  expect(ring('b').decrypt(stored, 'trigger-1')).toBe('whsec_old');
  expect(() => ring('b').decrypt(stored, 'trigger-2')).toThrow('secret does not decrypt');
  expect(() => new SecretKeyring([{ id: 'a', key: keyA }], 'a').decrypt(stored, 'trigger-1')).toThrow('no legacy key');
});

it('refuses keys that are not 32 bytes, duplicate ids and a missing current key', () => {
  expect(() => new SecretKeyring([{ id: 'a', key: randomBytes(16) }], 'a')).toThrow('32 bytes');
  expect(
    () =>
      new SecretKeyring(
        [
          { id: 'a', key: keyA },
          { id: 'a', key: keyB },
        ],
        'a',
      ),
  ).toThrow('twice');
  expect(() => new SecretKeyring([{ id: 'a', key: keyA }], 'b')).toThrow("current key 'b'");
});

describe('SECRET_KEYS and SECRET_KEY_CURRENT', () => {
  const env = (vars: Record<string, string>) => ({ NODE_ENV: 'test', ...vars }) as NodeJS.ProcessEnv;
  const keys = `a:${keyA.toString('base64')},b:${keyB.toString('base64')}`;

  it('builds a keyring from the configured keys', () => {
    const config = loadConfig(secretKeysShape, env({ SECRET_KEYS: keys, SECRET_KEY_CURRENT: 'b' }));
    const keyring = secretKeyringFromConfig(config);
    expect(keyring.currentKeyId).toBe('b');
    expect(keyring.decrypt(ring('a').encrypt('s', 'x'), 'x')).toBe('s');
  });

  it('takes the only key as current', () => {
    const config = loadConfig(secretKeysShape, env({ SECRET_KEYS: `a:${keyA.toString('base64')}` }));
    expect(secretKeyringFromConfig(config).currentKeyId).toBe('a');
  });

  it('refuses malformed keys, an ambiguous or unknown current key, and the development keys in production', () => {
    expect(() => loadConfig(secretKeysShape, env({ SECRET_KEYS: 'a:c2hvcnQ=' }))).toThrow(ConfigError);
    expect(() => loadConfig(secretKeysShape, env({ SECRET_KEYS: 'no-colon' }))).toThrow('SECRET_KEYS');
    expect(() => secretKeyringFromConfig(loadConfig(secretKeysShape, env({ SECRET_KEYS: keys })))).toThrow('SECRET_KEY_CURRENT');
    expect(() => secretKeyringFromConfig(loadConfig(secretKeysShape, env({ SECRET_KEYS: keys, SECRET_KEY_CURRENT: 'z' })))).toThrow(
      'SECRET_KEY_CURRENT',
    );
    const production = { NODE_ENV: 'production', IDENTITY_SECRET: 'i'.repeat(40), JWT_SECRET: 'j'.repeat(40) };
    expect(() => secretKeyringFromConfig(loadConfig(secretKeysShape, production))).toThrow('SECRET_KEYS must be set in production');
  });
});
