import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a user-given URL must not reach unless an operator allows the host: private networks,
 * loopback, link-local (which holds cloud metadata at 169.254.169.254 and fd00:ec2::254),
 * carrier-grade NAT, benchmarking, multicast and reserved ranges.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** A connection refused because its host resolves to a blocked address: permanent, not worth a retry. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
}

/** The refusal in an error or its `cause` chain (undici wraps a lookup's error as "fetch failed" → cause → …). */
export function addressRefusalIn(error: unknown): AddressRefusedError | undefined {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof AddressRefusedError) return cause;
  }
  return undefined;
}

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Host names and IPs (lower case) that may be reached whatever they resolve to. */
export class AddressPolicy {
  private readonly allowed: Set<string>;

  /** `setting`: the variable that allows a host, named in refusals so an operator knows where to look. */
  constructor(
    allowedHosts: readonly string[],
    private readonly setting = 'the allowed hosts setting',
  ) {
    this.allowed = new Set(
      allowedHosts
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
    );
  }

  /** From a comma-separated list, as the `*_HTTP_ALLOWED_HOSTS` settings hold it. */
  static fromList(list: string, setting?: string): AddressPolicy {
    return new AddressPolicy(list.split(','), setting);
  }

  isAllowedHost(hostname: string): boolean {
    return this.allowed.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  refusal(hostname: string, address: string): AddressRefusedError | null {
    if (this.isAllowedHost(hostname) || this.isAllowedHost(address) || !isBlockedAddress(address)) return null;
    return new AddressRefusedError(
      `Refused to call ${hostname}: it resolves to ${address}, a private, loopback, link-local or metadata address (allow it with ${this.setting})`,
    );
  }

  /** Checks a literal IP host before connecting (sockets skip DNS for literals). */
  checkLiteral(hostname: string): void {
    const bare = hostname.replace(/^\[|\]$/g, '');
    if (isIP(bare) === 0) return;
    const refusal = this.refusal(bare, bare);
    if (refusal) throw refusal;
  }

  /**
   * A `lookup` for the HTTP client's sockets: resolves, then refuses blocked addresses. Checking
   * here, at connect time, closes the gap a separate check would leave for DNS rebinding.
   */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = this.refusal(hostname, address);
        if (refusal) return callback(refusal, '', 0);
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
