import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, lastJson, runNode } from './helpers';

const FIXTURE = 'scripts/test/fixtures/backup-logic.mjs';

interface Decision {
  keep: string[];
  prune: string[];
}

async function retained(times: string[], policy: { hourly: number; daily: number }): Promise<Decision> {
  const backups = times.map((time) => ({ name: time, time }));
  const run = await runNode(FIXTURE, ['retention', JSON.stringify({ backups, policy })], cleanEnv());
  expect(run.stderr).toBe('');
  return lastJson<Decision>(run.stdout);
}

describe('retention', () => {
  it('keeps the newest backup of each of the last N hours and prunes the rest', async () => {
    const times = ['2026-05-01T10:05:00Z', '2026-05-01T10:45:00Z', '2026-05-01T11:05:00Z', '2026-05-01T11:50:00Z', '2026-05-01T12:01:00Z'];
    expect(await retained(times, { hourly: 2, daily: 0 })).toEqual({
      keep: ['2026-05-01T12:01:00Z', '2026-05-01T11:50:00Z'],
      prune: ['2026-05-01T11:05:00Z', '2026-05-01T10:45:00Z', '2026-05-01T10:05:00Z'],
    });
  });

  it('keeps the newest backup of each of the last M days beside the hourly ones', async () => {
    const times = [
      '2026-04-28T23:00:00Z',
      '2026-04-29T09:00:00Z',
      '2026-04-29T23:30:00Z',
      '2026-04-30T23:10:00Z',
      '2026-05-01T08:00:00Z',
      '2026-05-01T09:00:00Z',
    ];
    expect(await retained(times, { hourly: 2, daily: 3 })).toEqual({
      keep: ['2026-05-01T09:00:00Z', '2026-05-01T08:00:00Z', '2026-04-30T23:10:00Z', '2026-04-29T23:30:00Z'],
      prune: ['2026-04-29T09:00:00Z', '2026-04-28T23:00:00Z'],
    });
  });

  it('counts hours and days that have a backup, not calendar time: a gap does not prune what the policy still allows', async () => {
    const times = ['2026-04-01T00:00:00Z', '2026-04-20T00:00:00Z', '2026-05-01T00:00:00Z'];
    expect(await retained(times, { hourly: 0, daily: 3 })).toEqual({ keep: [...times].reverse(), prune: [] });
  });

  it('never prunes the newest backup, even with both counts at 0', async () => {
    expect(await retained(['2026-05-01T10:00:00Z', '2026-05-01T09:00:00Z'], { hourly: 0, daily: 0 })).toEqual({
      keep: ['2026-05-01T10:00:00Z'],
      prune: ['2026-05-01T09:00:00Z'],
    });
  });

  it('reads times in any order and buckets them in UTC', async () => {
    // 23:30 at UTC-02:00 is 01:30 UTC the next day: one day bucket with the 02:00Z backup.
    const decision = await retained(['2026-05-02T02:00:00Z', '2026-04-30T12:00:00Z', '2026-05-01T23:30:00-02:00'], { hourly: 0, daily: 2 });
    expect(decision).toEqual({ keep: ['2026-05-02T02:00:00Z', '2026-04-30T12:00:00Z'], prune: ['2026-05-01T23:30:00-02:00'] });
  });
});

describe('stream positions', () => {
  it.each([
    ['1700000000000-5', '1700000000000-4'],
    ['1700000000000-0', '1699999999999-18446744073709551615'],
    ['0-0', '0-0'],
  ])('places a group just before %s', async (id, expected) => {
    const run = await runNode(FIXTURE, ['previous-id', id], cleanEnv());
    expect(lastJson(run.stdout)).toEqual({ id: expected });
  });
});

describe('checksums', () => {
  let dir: string;
  const body = 'a schema dump\n';
  const sha256 = createHash('sha256').update(body).digest('hex');
  const manifest = (files: object[]) =>
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'flowgraph-backup/1', files }));

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fg-backup-logic-'));
    writeFileSync(path.join(dir, 'core.dump'), body);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts files whose size and sha256 match the manifest', async () => {
    manifest([{ name: 'core.dump', bytes: body.length, sha256 }]);
    const run = await runNode(FIXTURE, ['verify', dir], cleanEnv());
    expect(run.stderr).toBe('');
    expect(lastJson(run.stdout)).toEqual({ ok: true });
  });

  it('names a file of the same size whose content changed', async () => {
    writeFileSync(path.join(dir, 'core.dump'), body.replace('a', 'b'));
    manifest([{ name: 'core.dump', bytes: body.length, sha256 }]);
    const run = await runNode(FIXTURE, ['verify', dir], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Checksum mismatch in ${dir}: core.dump has sha256 `);
    expect(run.stderr).toContain(`the manifest says ${sha256}. The backup is damaged: restore another one.`);
  });

  it('names every missing or truncated file in one line', async () => {
    manifest([
      { name: 'core.dump', bytes: body.length + 1, sha256 },
      { name: 'workflow.dump', bytes: 1, sha256 },
    ]);
    const run = await runNode(FIXTURE, ['verify', dir], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`core.dump has ${body.length} bytes, the manifest says ${body.length + 1}; workflow.dump is missing.`);
  });

  it('refuses a directory without a manifest, or with one of another format', async () => {
    const none = await runNode(FIXTURE, ['verify', dir], cleanEnv());
    expect(none.stderr).toBe(`${dir} is not a Flowgraph backup (no manifest.json)\n`);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'other/9', files: [] }));
    const foreign = await runNode(FIXTURE, ['verify', dir], cleanEnv());
    expect(foreign.stderr).toBe(`${path.join(dir, 'manifest.json')} is not a flowgraph-backup/1 manifest (format: other/9)\n`);
  });
});
