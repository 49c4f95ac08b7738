import net from 'node:net';
import { UserError } from './user-error.mjs';

/**
 * True when nothing listens on `port`. It binds the unspecified address (dual-stack), which on
 * Linux collides with a listener on 127.0.0.1, 0.0.0.0 or :: alike.
 */
export function isPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws one line naming every taken port, e.g. "Port 4000 (gateway) is already in use". */
export async function assertPortsFree(entries) {
  const taken = [];
  for (const { name, port, hint } of entries) {
    if (!(await isPortFree(port))) taken.push(`${port} (${name}${hint ? `; ${hint}` : ''})`);
  }
  if (taken.length === 1) throw new UserError(`Port ${taken[0]} is already in use: stop what uses it or choose another port.`);
  if (taken.length > 1) throw new UserError(`Ports already in use: ${taken.join(', ')}. Stop what uses them or choose other ports.`);
}

/** A port the OS says is free right now (for tests and throwaway servers). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts a TCP connection on host:port within `timeoutMs`. */
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
