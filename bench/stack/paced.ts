/**
 * An open-loop load at a fixed rate: requests start on a schedule (every 1/rate s), whatever the
 * answers do, over at most `connections` keep-alive sockets. autocannon's `overallRate` sends each
 * connection's quota for the second at once and then waits, which measures bursts, not a steady
 * 70 % load. Latency is counted from the scheduled start, so a request that waited for a socket
 * counts its wait (no coordinated omission).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Operation } from './operations';

export interface PacedResult {
  /** Latencies in ms of the answered requests, sorted. */
  times: number[];
  /** Requests answered with a non-2xx status, a GraphQL error or a socket error. */
  failed: number;
}

export async function drivePaced(op: Operation, seconds: number, rate: number, connections: number): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  let failed = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { headers, body } = op.next();
      const request = http.request(op.url, { method: op.method ?? 'POST', agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const ok = (response.statusCode ?? 0) < 300 && !body.includes('"errors"');
          if (ok) times.push(performance.now() - due);
          else if (failed++ < 3) console.error(`${op.name} (paced): ${response.statusCode} ${body.toString().slice(0, 600)}`);
          resolve();
        });
      });
      request.on('error', (error) => {
        if (failed++ < 3) console.error(`${op.name} (paced): ${error.message}`);
        resolve();
      });
      request.end(body);
    });
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(seconds * rate);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  times.sort((a, b) => a - b);
  return { times, failed };
}
