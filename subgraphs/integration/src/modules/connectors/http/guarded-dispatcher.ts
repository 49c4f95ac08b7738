import { Agent, buildConnector } from 'undici';
import { AddressPolicy } from '@flowgraph/kernel';

/**
 * An undici Agent whose every connection passes the SSRF guard, for `ProviderNetwork`. A literal
 * IP host is checked before connecting (sockets skip DNS for literals); a name is checked on the
 * addresses it resolves to, at connect time (no gap for DNS rebinding). A refusal fails the
 * connection with the kernel's AddressRefusedError, which ProviderHttp turns into `rejected`.
 *
 * `allowedHosts`: the `INTEGRATION_HTTP_ALLOWED_HOSTS` setting, comma-separated.
 */
export function createGuardedDispatcher(allowedHosts: string): Agent {
  const policy = AddressPolicy.fromList(allowedHosts, 'INTEGRATION_HTTP_ALLOWED_HOSTS');
  const connect = buildConnector({ lookup: policy.lookup as never });
  return new Agent({
    connect: (options, callback) => {
      try {
        policy.checkLiteral(options.hostname);
      } catch (error) {
        return callback(error as Error, null);
      }
      return connect(options, callback);
    },
  });
}
