import { AddressPolicy, AddressRefusedError, addressRefusalIn, isBlockedAddress } from '../src/http/address-guard';

const resolve = (policy: AddressPolicy, hostname: string) =>
  new Promise<string>((done, fail) => policy.lookup(hostname, {}, (error, address) => (error ? fail(error) : done(address as string))));

describe('address guard', () => {
  it('blocks private, loopback, link-local and metadata addresses, IPv4-mapped ones included, and lets public ones through', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
    ])
      expect([address, isBlockedAddress(address)]).toEqual([address, true]);
    for (const address of ['93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([address, isBlockedAddress(address)]).toEqual([address, false]);
    expect(isBlockedAddress('not-an-ip')).toBe(true);
  });

  it('refuses a literal metadata IP with a message naming the setting that would allow it', () => {
    const policy = AddressPolicy.fromList('', 'SOME_ALLOWED_HOSTS');
    const refusal = (() => {
      try {
        policy.checkLiteral('169.254.169.254');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AddressRefusedError);
    expect((refusal as Error).message).toBe(
      'Refused to call 169.254.169.254: it resolves to 169.254.169.254, a private, loopback, link-local or metadata address (allow it with SOME_ALLOWED_HOSTS)',
    );
    expect(() => policy.checkLiteral('[::1]')).toThrow(AddressRefusedError);
    expect(() => policy.checkLiteral('example.com')).not.toThrow();
  });

  it('allows a listed host or address whatever it resolves to', () => {
    const policy = AddressPolicy.fromList(' LocalHost , [::1],127.0.0.2');
    expect(policy.refusal('localhost', '127.0.0.1')).toBeNull();
    expect(policy.refusal('other', '::1')).toBeNull();
    expect(() => policy.checkLiteral('127.0.0.2')).not.toThrow();
    expect(policy.refusal('other', '127.0.0.3')).toBeInstanceOf(AddressRefusedError);
  });

  it('refuses in the lookup a name that resolves to loopback, unless the name is allowed', async () => {
    await expect(resolve(AddressPolicy.fromList(''), 'localhost')).rejects.toThrow(
      /Refused to call localhost: it resolves to (127\.0\.0\.1|::1)/,
    );
    await expect(resolve(AddressPolicy.fromList('localhost'), 'localhost')).resolves.toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('finds a refusal wrapped in causes, as fetch wraps a connection error', () => {
    const refusal = new AddressRefusedError('refused');
    expect(addressRefusalIn(new TypeError('fetch failed', { cause: new Error('connect', { cause: refusal }) }))).toBe(refusal);
    expect(addressRefusalIn(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBeUndefined();
  });
});
