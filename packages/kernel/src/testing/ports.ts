import net from 'node:net';

/** A port free right now on 127.0.0.1 (for a server a test must name before it starts). */
export function freePort(): Promise<number> {
  const probe = net.createServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
}
