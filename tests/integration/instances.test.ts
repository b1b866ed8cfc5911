/**
 * Two server instances over one PostgreSQL, behind a proxy (issue 16 part 3; docs/DEPLOY.md
 * "Many instances"). Two real server processes (`node --import tsx server/main.ts`, PORT=0) start AT ONCE on
 * an empty database — the migrations are applied once between them (server/db/migrate.ts locks)
 * — and a small round-robin proxy on 127.0.0.1 (below; nginx in production) spreads the requests
 * of several devices speaking the real protocol over HTTP, so each device's requests alternate
 * between the instances. Mid-way, one instance is killed (SIGKILL) while a push is in it: the
 * device gets no answer, retries the same batch, and the proxy sends it to the other instance.
 *
 * Maintenance, which each instance starts at once, runs once between them (server/maintenance.ts).
 * Then, read straight from the database: every point exists once, was created once (one create
 * in the change log), each device's last mutation id is its last; and every device pulls, through
 * the proxy, every point of its township. Needs TEST_DATABASE_URL (scripts/test-postgres.sh, which
 * .ci/run uses); bounded: a fixed number of requests, each retried at most MAX_ATTEMPTS times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type Mutation } from '../../src/domain/protocol';
import { createAccount } from '../../server/auth/users';
import { loadMigrations } from '../../server/db/migrate';
import { MAINTENANCE_SKIPPED, readMaintenanceRecord } from '../../server/maintenance';
import { untilTrue } from '../../server/test-support/conditions';
import type { Db } from '../../server/db';
import { serverRegions } from '../../server/regions';
import {
  createPostgresTestDatabase,
  postgresTestUrl,
  type PostgresTestDatabase,
} from '../../server/test-support/databases';
import {
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  servicePointFields,
  TEST_SCRYPT,
  WENCHANG,
  WENCHANG_VILLAGE,
} from '../../server/test-support/sync';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pgUrl = postgresTestUrl('tests/integration/instances.test.ts');

const PASSWORD = 'demo-2026-test';
const DEVICES = 6;
const BATCHES_BEFORE = 3; // per device, before the kill
const BATCHES_AFTER = 2; // per device, after it
const BATCH = 40; // points per batch
const KILLED_BATCH = 400; // the batch the instance dies under: long enough to be mid-way
const MAX_ATTEMPTS = 12;

interface Instance {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far (pino's JSON lines at LOG_LEVEL=info). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node --import tsx server/main.ts` on a free loopback port; resolves once it says where
 * it runs. Node itself, not the tsx command, which runs the server in a child process of its own:
 * a SIGKILL would kill tsx and leave the server running.
 */
function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '127.0.0.1',
    },
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ child, url: match[1]!, output: () => stdout, exited });
    });
    void exited.then(({ code }) =>
      reject(new Error(`server exited (${code}) before it ran: ${stdout}\n${stderr}`)),
    );
  });
}

/**
 * A round-robin reverse proxy on 127.0.0.1 over the instances, as nginx's upstream block does
 * (docs/DEPLOY.md): X-Forwarded-For/Proto set, an upstream that refuses connections is marked
 * down and skipped, a request whose upstream fails gets 502 (never retried here: a push is not
 * idempotent for a proxy to repeat — the device retries it). `onForward` sees each request as
 * it is sent upstream.
 */
async function startProxy(upstreams: string[]) {
  let next = 0;
  const down = new Set<number>();
  const served = upstreams.map(() => 0);
  const hooks: { onForward?: (index: number, path: string, sent: http.ClientRequest) => void } = {};
  const server = http.createServer((req, res) => {
    const alive = upstreams.map((_, i) => i).filter((i) => !down.has(i));
    if (alive.length === 0) {
      res.writeHead(502).end();
      return;
    }
    const index = alive[next++ % alive.length]!;
    served[index]!++;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const upstream = http.request(target, {
      method: req.method,
      headers: {
        ...req.headers,
        'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
        'x-forwarded-proto': 'http',
      },
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') down.add(index);
      if (res.headersSent) res.destroy();
      else res.writeHead(502).end();
    });
    hooks.onForward?.(index, target.pathname, upstream);
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    down,
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * nginx, when this machine has it, with the configuration docs/DEPLOY.md "Many instances" shows —
 * read from the document itself, so the document cannot drift from what works — over plain HTTP
 * on 127.0.0.1: the upstream lines point at the instances, the listens move to free loopback
 * ports, and the TLS lines go (certificates are not what this checks). Started in the
 * foreground as a child of the test; stop() ends it by its pid.
 */
async function startNginxFromDeployDoc(upstreams: string[], dir: string) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
  if (!nginx) return undefined;
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'DEPLOY.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Many instances'));
  const block = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('docs/DEPLOY.md "Many instances" has no nginx block');
  const port = await freePort();
  const httpPort = await freePort();
  const upstreamLines = upstreams
    .map((url) => `    server ${new URL(url).host} max_fails=1 fail_timeout=10s;`)
    .join('\n');
  const lines = block.split('\n');
  const firstServer = lines.findIndex((line) => /^\s*server \S+:\d+ /.test(line));
  const site = lines
    .filter((line, i) => !/^\s*server \S+:\d+ /.test(line) || i === firstServer)
    .map((line) => (/^\s*server \S+:\d+ /.test(line) ? upstreamLines : line))
    .filter((line) => !/^\s*(ssl_|http2 on)/.test(line))
    .join('\n')
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`,
  );
  const child = spawn(nginx, ['-p', dir, '-c', conf], { stdio: 'inherit' });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  // Up once it answers (it binds within milliseconds; the instances answer /api/health).
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(`${url}/api/health`).catch(() => undefined);
    if (answer?.status === 200) break;
    if (attempt > 200 || child.exitCode !== null) {
      throw new Error(`nginx did not come up: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A device speaking the sync protocol over HTTP, retrying a batch until it has its answer. */
class HttpDevice {
  readonly clientId = newId();
  private nextMutationId = 1;
  token = '';
  cursor: string | null = null;
  readonly pulled = new Map<string, Record<string, unknown> | null>();
  /** Requests that got no answer (connection lost, 502) and were sent again. */
  retries = 0;

  constructor(
    readonly base: string,
    readonly username: string,
    readonly village: string,
  ) {}

  private async post(path: string, body: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      try {
        const response = await fetch(`${this.base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
          body: JSON.stringify(body),
        });
        status = response.status;
        if (status === 200) return await response.json();
        if (status !== 502) throw new Error(`${path}: ${status} ${await response.text()}`);
      } catch (error) {
        if (status !== 0 && status !== 502) throw error;
        // No answer: the connection went down with the instance. Send the same body again.
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`${path}: no answer after ${attempt} tries`);
      this.retries++;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }

  async signIn(): Promise<void> {
    const answer = (await this.post('/api/auth/login', {
      username: this.username,
      password: PASSWORD,
    })) as { token: string };
    this.token = answer.token;
  }

  /** A batch of `count` new points in the device's village; resolves with the ids pushed. */
  async pushPoints(count: number): Promise<string[]> {
    const ids: string[] = [];
    const mutations: Mutation[] = [];
    for (let i = 0; i < count; i++) {
      const id = newId();
      ids.push(id);
      mutations.push({
        mutationId: this.nextMutationId++,
        entity: 'servicePoint',
        recordId: id,
        op: 'upsert',
        baseVersion: 0,
        changes: servicePointFields(this.village, { name: `${this.username} ${id.slice(0, 8)}` }),
      });
    }
    const answer = (await this.post('/api/sync/push', {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: this.clientId,
      mutations,
    })) as { lastMutationId: number; results: { status: string }[] };
    expect(answer.lastMutationId).toBe(this.nextMutationId - 1);
    expect(answer.results.every((result) => result.status === 'applied')).toBe(true);
    return ids;
  }

  get lastMutationId(): number {
    return this.nextMutationId - 1;
  }

  async pullAll(): Promise<void> {
    for (let pages = 0; pages < 1000; pages++) {
      const answer = (await this.post('/api/sync/pull', {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId: this.clientId,
        cursor: this.cursor,
        limit: 200,
      })) as {
        changes: { entity: string; id: string; data: Record<string, unknown> | null }[];
        cursor: string;
        hasMore: boolean;
      };
      expect(answer).toHaveProperty('changes');
      this.cursor = answer.cursor;
      for (const change of answer.changes)
        this.pulled.set(`${change.entity}:${change.id}`, change.data);
      if (!answer.hasMore) return;
    }
    throw new Error('pull: more than 1000 pages');
  }
}

describe.skipIf(!pgUrl)('two server instances over one PostgreSQL, behind a proxy', () => {
  let database: PostgresTestDatabase;
  let db: Db;
  const instances: Instance[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(pgUrl!);
  });

  afterAll(async () => {
    await proxy?.close();
    for (const instance of instances) {
      if (instance.child.exitCode === null && instance.child.signalCode === null) {
        instance.child.kill('SIGTERM');
        await instance.exited;
      }
    }
    await database?.drop();
  });

  it('migrate once when started together; nothing lost or doubled when one dies mid-push', async () => {
    // Both at once, on an empty database.
    instances.push(
      ...(await Promise.all([startInstance(database.url), startInstance(database.url)])),
    );
    db = await database.open();
    const files = (await loadMigrations()).map((m) => m.fileName);
    const appliedBy = instances.map(
      (instance) => /Database migrated: (.*)/.exec(instance.output())?.[1]?.split(', ') ?? [],
    );
    // Every migration applied by exactly one of them, and recorded once.
    expect([...appliedBy[0]!, ...appliedBy[1]!].sort()).toEqual(files);
    const recorded = await db.query<{ n: number; versions: number }>(
      'select count(*)::int as n, count(distinct version)::int as versions from schema_migrations',
    );
    expect(recorded.rows[0]).toEqual({ n: files.length, versions: files.length });

    // Both ran maintenance at start; one claimed the run, the other found it claimed.
    await untilTrue(() => instances.some((i) => i.output().includes(MAINTENANCE_SKIPPED)));
    await untilTrue(async () => (await readMaintenanceRecord(db))?.finishedAt != null);
    const pids = instances.map((instance) => `:${instance.child.pid}`);
    const record = await readMaintenanceRecord(db);
    expect(record).toMatchObject({ runs: 1, failed: false });
    expect(pids.filter((pid) => record!.by.endsWith(pid))).toHaveLength(1);
    expect(instances.filter((i) => i.output().includes(MAINTENANCE_SKIPPED))).toHaveLength(1);

    // Accounts: half the devices in 千岛湖镇, half in 文昌镇.
    const regions = serverRegions();
    proxy = await startProxy(instances.map((instance) => instance.url));
    const devices: HttpDevice[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const [township, village] =
        i % 2 === 0 ? [QIANDAOHU, QIANDAOHU_VILLAGE] : [WENCHANG, WENCHANG_VILLAGE];
      const username = `officer${i}`;
      await createAccount(
        db,
        regions,
        {
          username,
          displayName: username,
          role: 'officer',
          scope: { level: 'township', code: township },
          password: PASSWORD,
        },
        TEST_SCRYPT,
      );
      devices.push(new HttpDevice(proxy.url, username, village));
    }
    await Promise.all(devices.map((device) => device.signIn()));

    // Points pushed through nginx by a device of 文昌镇 (counted with the others at the end).
    const nginxPoints: string[] = [];
    // The nginx configuration of docs/DEPLOY.md in front of the same two instances: it passes
    // a push and a pull, and the sign-in log sees the client's real address, not the one it
    // claimed in X-Forwarded-For.
    const nginxDir = await mkdtemp(join(tmpdir(), 'cundian-nginx-'));
    const nginx = await startNginxFromDeployDoc(
      instances.map((instance) => instance.url),
      nginxDir,
    );
    if (nginx) {
      try {
        const claimed = await fetch(`${nginx.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6' },
          body: JSON.stringify({ username: 'officer0', password: 'not-the-password-1' }),
        });
        expect(claimed.status).toBe(401);
        const { rows } = await db.query<{ address: string }>(
          `select address from login_attempts where username = 'officer0' and not succeeded`,
        );
        expect(rows).toEqual([{ address: '127.0.0.1' }]);
        const viaNginx = new HttpDevice(nginx.url, 'officer1', WENCHANG_VILLAGE);
        await viaNginx.signIn();
        nginxPoints.push(
          ...(await viaNginx.pushPoints(BATCH)),
          ...(await viaNginx.pushPoints(BATCH)),
        );
        await viaNginx.pullAll();
        expect(nginxPoints.every((id) => viaNginx.pulled.has(`servicePoint:${id}`))).toBe(true);
        expect(viaNginx.retries).toBe(0);
      } finally {
        await nginx.stop();
        await rm(nginxDir, { recursive: true, force: true });
      }
    } else {
      await rm(nginxDir, { recursive: true, force: true });
      console.warn('nginx is not installed: the configuration of docs/DEPLOY.md is not checked');
    }

    const pushed = new Map<HttpDevice, string[]>(devices.map((device) => [device, []]));
    // Each device pushes its batches one after another (as the sync engine does), the devices
    // at the same time.
    const pushBatches = (count: number, which = devices) =>
      Promise.all(
        which.map(async (device) => {
          for (let b = 0; b < count; b++)
            pushed.get(device)!.push(...(await device.pushPoints(BATCH)));
        }),
      );
    await pushBatches(BATCHES_BEFORE);
    // The devices' requests went to both instances.
    expect(proxy.served[0]).toBeGreaterThan(DEVICES);
    expect(proxy.served[1]).toBeGreaterThan(DEVICES);

    // The next push the proxy sends to instance 0 kills it once the whole request is in it;
    // meanwhile one device pushes a long batch and the others a batch each.
    const victim = instances[0]!;
    const killed = new Promise<void>((resolve) => {
      proxy!.hooks.onForward = (index, path, sent) => {
        if (index !== 0 || path !== '/api/sync/push') return;
        proxy!.hooks.onForward = undefined;
        sent.on('finish', () => {
          victim.child.kill('SIGKILL');
          resolve();
        });
      };
    });
    const big = devices[0]!;
    await Promise.all([
      (async () => {
        pushed.get(big)!.push(...(await big.pushPoints(KILLED_BATCH)));
      })(),
      pushBatches(1, devices.slice(1)),
      killed,
    ]);
    expect((await victim.exited).signal).toBe('SIGKILL');
    // At least one push lost its answer with the instance and was sent again.
    expect(devices.reduce((sum, device) => sum + device.retries, 0)).toBeGreaterThan(0);

    await pushBatches(BATCHES_AFTER);
    expect(proxy.down.has(0)).toBe(true);

    // Nothing lost, nothing doubled.
    const all = [...[...pushed.values()].flat(), ...nginxPoints];
    const expected =
      DEVICES * (BATCHES_BEFORE + BATCHES_AFTER) * BATCH +
      (DEVICES - 1) * BATCH +
      KILLED_BATCH +
      nginxPoints.length;
    expect(all).toHaveLength(expected);
    const stored = await db.query<{ n: number; distinct_ids: number; max_version: number }>(
      `select count(*)::int as n, count(distinct id)::int as distinct_ids,
              max(version)::int as max_version
       from records where entity = 'servicePoint' and id = any($1::uuid[])`,
      [all],
    );
    expect(stored.rows[0]).toEqual({ n: expected, distinct_ids: expected, max_version: 1 });
    const logged = await db.query<{ n: number }>(
      `select count(*)::int as n from change_log where entity = 'servicePoint'`,
    );
    expect(logged.rows[0]!.n).toBe(expected);
    for (const device of devices) {
      const { rows } = await db.query<{ last: number }>(
        'select last_mutation_id::int as last from clients where client_id = $1',
        [device.clientId],
      );
      expect(rows[0]?.last).toBe(device.lastMutationId);
    }

    // Every device pulls, through the proxy (now the one instance left), its township's points.
    await Promise.all(devices.map((device) => device.pullAll()));
    for (const [index, device] of devices.entries()) {
      const sameTownship = devices.filter((_, other) => other % 2 === index % 2);
      const ids = [
        ...sameTownship.flatMap((d) => pushed.get(d)!),
        ...(index % 2 === 1 ? nginxPoints : []),
      ];
      const got = [...device.pulled.keys()].filter((key) => key.startsWith('servicePoint:'));
      expect(got.sort()).toEqual(ids.map((id) => `servicePoint:${id}`).sort());
    }
  }, 240_000);
});
