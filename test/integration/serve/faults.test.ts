/**
 * `quarry serve` survives files it cannot read and running out of file
 * descriptors: it answers that request with an error status and keeps
 * serving the next one. The server runs as the real CLI in a child process,
 * as user `nobody` (tests run as root, and root reads a chmod 000 file) and,
 * for the descriptor test, under a low `ulimit -n`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUARRY_NODE_ARGS } from '../../support/cli.ts';

const CLI = QUARRY_NODE_ARGS.map((a) => `"${a}"`).join(' ');
const NOBODY = 65534;

interface Child {
  url: string;
  proc: ChildProcess;
  stderr(): string;
  alive(): boolean;
}

/** `quarry serve DIR --port 0` as nobody, optionally with `ulimit -n LIMIT`. */
async function startServe(dir: string, limit?: number): Promise<Child> {
  const cmd = `${limit ? `ulimit -n ${limit} && ` : ''}exec "${process.execPath}" ${CLI} serve "${dir}" --port 0`;
  const proc = spawn('/bin/sh', ['-c', cmd], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: tmpdir() } });
  let out = '';
  let err = '';
  let exited = false;
  proc.stderr!.on('data', (c) => (err += c));
  proc.on('exit', () => (exited = true));
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /at (http:\/\/[^/\s]+)/.exec(out);
      if (m) ok(m[1]!);
    });
    proc.on('exit', (code) => fail(new Error(`quarry serve exited (${code}) before listening: ${err}`)));
  });
  return { url, proc, stderr: () => err, alive: () => !exited };
}

function get(url: string, onResponse?: (res: import('node:http').IncomingMessage) => void): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { agent: false }, (res) => {
      onResponse?.(res);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

let dir: string;
let child: Child | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-serve-faults-'));
  await chmod(dir, 0o755);
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>ok</title><p>still serving</p>');
  await writeFile(join(dir, 'secret.json'), '{"secret":true}');
  await chmod(join(dir, 'secret.json'), 0o000);
  // /proc/self/mem stats as a regular file but fails its first read (EIO): a read error after the headers went out.
  await symlink('/proc/self/mem', join(dir, 'broken.bin'));
  await writeFile(join(dir, 'big.bin'), Buffer.alloc(4 * 1024 * 1024, 1));
  await chown(join(dir, 'big.bin'), NOBODY, NOBODY);
});

afterEach(() => {
  child?.proc.kill('SIGKILL');
  child = undefined;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('quarry serve', () => {
  it('answers 403 for a file it may not read, without a stack trace, and keeps serving', async () => {
    child = await startServe(dir);
    const denied = await get(`${child.url}/secret.json`);
    expect(denied.status).toBe(403);
    expect(denied.body).not.toMatch(/EACCES|at .*\.ts/);
    expect((await get(`${child.url}/index.html`)).body).toContain('still serving');
    expect(child.alive()).toBe(true);
    expect(child.stderr()).not.toMatch(/EACCES|Error/);
  });

  it('survives a file whose read fails after the headers were sent', async () => {
    child = await startServe(dir);
    await get(`${child.url}/broken.bin`).catch(() => undefined); // the response is cut short
    expect((await get(`${child.url}/index.html`)).body).toContain('still serving');
    expect(child.alive()).toBe(true);
  });

  it('answers 503 when it runs out of descriptors, and serves again once they are free', async () => {
    child = await startServe(dir, 64);
    // Hold downloads open without reading them until the server cannot open another file.
    const held: Array<import('node:http').IncomingMessage> = [];
    const statuses: number[] = [];
    const attempts = Array.from({ length: 60 }, () =>
      new Promise<void>((done) => {
        const req = request(`${child!.url}/big.bin`, { agent: false }, (res) => {
          statuses.push(res.statusCode!);
          if (res.statusCode === 200) {
            res.pause();
            held.push(res);
            done();
          } else {
            res.resume();
            res.on('end', () => done());
          }
        });
        req.on('error', () => done()); // connections refused while out of descriptors
        req.end();
      }),
    );
    await Promise.all(attempts);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    for (const res of held) res.destroy();
    await expect.poll(async () => (await get(`${child!.url}/index.html`).catch(() => ({ status: 0, body: '' }))).status, { timeout: 10_000 }).toBe(200);
    expect(child.alive()).toBe(true);
    expect(child.stderr()).not.toMatch(/EMFILE|Error/);
  });
});
