/**
 * Server push throughput with the full protocol: a real server process (server/main.ts, as
 * `npm start` runs it), 50 concurrent devices pushing batches over HTTP — creates of service
 * points and updates of ones they made — each batch authenticated, versioned, validated with the
 * domain schema, scope-checked, merged field by field, logged and answered. Then the server's
 * peak resident memory (VmHWM).
 *
 * PGlite always (a fresh data folder); PostgreSQL too when BENCH_DATABASE_URL is set (a
 * throwaway database is created on that server and dropped afterwards).
 *
 *   node --import tsx bench/sync-server.bench.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres node --import tsx bench/sync-server.bench.ts
 *
 * Goal (issue 3): ≥ 10,000 mutations/s. Printed, never asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { treeCpuSeconds } from './proc';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { newId } from '../src/domain/common';
import {
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Mutation,
  type PushResponse,
} from '../src/domain/protocol';
import { parseRegionFile } from '../src/domain/region';
import { printTable } from './table';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const BATCHES_PER_CLIENT = Number(process.env.BENCH_BATCHES ?? 10);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 100);
/** Of every batch after the first, this share updates points the device created earlier. */
const UPDATE_SHARE = 0.3;

const regions = parseRegionFile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'public', 'regions', '3301.json'), 'utf8')) as unknown,
);
const villages = regions.villages.filter((v) => v.countyCode === '330127' && v.rural);

interface Server {
  url: string;
  child: ChildProcess;
}

function startServer(env: Record<string, string>, args: string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof" to profile it.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, '--import', 'tsx', 'server/main.ts', ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child });
    });
    child.on('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.on('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

/** Peak resident set size of a process in MB (Linux /proc). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The postmaster's pid of the PostgreSQL at `url`, when it runs on this machine. */
async function postmasterPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    const pid = Number(
      readFileSync(join(rows[0]!.data_directory, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // another machine, or no permission to read its folder
  } finally {
    await client.end();
  }
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password: 'demo-2026' }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function pointFields(i: number) {
  const village = villages[i % villages.length]!;
  return {
    tier: 'village',
    regionCode: village.code,
    name: `压测服务点 ${i}`,
    services: ['purchasing', 'produceSales'],
    status: 'open',
    statusHistory: [
      { status: 'planned', date: '2026-01-05' },
      { status: 'approved', date: '2026-01-20' },
      { status: 'open', date: '2026-02-01' },
    ],
    openedOn: '2026-02-01',
    operatorName: '张三',
    operatorPhone: '13812345678',
    location: null,
    photos: [],
    notes: 'bench',
  };
}

interface ClientResult {
  applied: number;
  rejected: number;
  latencies: number[];
}

async function runClient(url: string, token: string, clientIndex: number): Promise<ClientResult> {
  const clientId = newId();
  const created: string[] = [];
  let mutationId = 0;
  const result: ClientResult = { applied: 0, rejected: 0, latencies: [] };
  for (let batch = 0; batch < BATCHES_PER_CLIENT; batch++) {
    const mutations: Mutation[] = [];
    for (let i = 0; i < BATCH_SIZE; i++) {
      const update = batch > 0 && i < BATCH_SIZE * UPDATE_SHARE && created.length > 0;
      if (update) {
        const recordId = created[(batch * BATCH_SIZE + i) % created.length]!;
        mutations.push({
          mutationId: ++mutationId,
          entity: 'servicePoint',
          recordId,
          op: 'upsert',
          changes: { name: `压测服务点 ${clientIndex}-${batch}-${i}`, notes: `batch ${batch}` },
          baseVersion: 1,
        });
      } else {
        const recordId = newId();
        created.push(recordId);
        mutations.push({
          mutationId: ++mutationId,
          entity: 'servicePoint',
          recordId,
          op: 'upsert',
          changes: pointFields(clientIndex * 100_000 + mutationId),
          baseVersion: 0,
        });
      }
    }
    const started = performance.now();
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId,
        mutations,
      }),
    });
    if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as PushResponse;
    result.latencies.push(performance.now() - started);
    for (const r of answer.results) {
      if (r.status === 'applied') result.applied++;
      else result.rejected++;
    }
  }
  return result;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(
  database: string,
  server: Server,
  postgresPid: number | null = null,
): Promise<Record<string, string | number>> {
  // Sessions first (scrypt is deliberately slow; signing in is not what is measured). One
  // session per 10 devices: devices of one user share nothing but the account.
  const tokens = await Promise.all(
    Array.from({ length: Math.ceil(CLIENTS / 10) }, () => login(server.url)),
  );
  const cpuBefore = cpuSeconds(server.child.pid!);
  const postgresCpuBefore = postgresPid ? treeCpuSeconds(postgresPid) : 0;
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => runClient(server.url, tokens[i % tokens.length]!, i)),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpuSeconds(server.child.pid!) - cpuBefore;
  const postgresCpu = postgresPid ? treeCpuSeconds(postgresPid) - postgresCpuBefore : null;
  const applied = results.reduce((n, r) => n + r.applied, 0);
  const rejected = results.reduce((n, r) => n + r.rejected, 0);
  const latencies = results.flatMap((r) => r.latencies);
  return {
    database,
    devices: CLIENTS,
    'batches × size': `${CLIENTS * BATCHES_PER_CLIENT} × ${BATCH_SIZE}`,
    applied,
    rejected,
    seconds: Number(seconds.toFixed(2)),
    'mutations/s': Math.round(applied / seconds),
    'batch p50 ms': percentile(latencies, 50),
    'batch p95 ms': percentile(latencies, 95),
    // The server process only (for PGlite that includes the database; PostgreSQL's own
    // processes are not counted).
    'server CPU µs/mutation': Math.round((serverCpu * 1e6) / applied),
    // The whole PostgreSQL cluster (every database on it), when it runs on this machine.
    'PostgreSQL CPU µs/mutation':
      postgresCpu === null ? '—' : Math.round((postgresCpu * 1e6) / applied),
    'server peak RSS MB': peakRssMb(server.child.pid!),
  };
}

async function benchPglite(): Promise<Record<string, string | number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cundian-bench-'));
  const server = await startServer({ DATA_DIR: dataDir }, []); // empty: the demo accounts appear
  try {
    return await measure('PGlite (embedded)', server);
  } finally {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(adminUrl: string): Promise<Record<string, string | number>> {
  const name = `cundian_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await startServer({ DATABASE_URL: url.toString() }, ['--demo']);
  try {
    return await measure('PostgreSQL 15', server, await postmasterPid(adminUrl));
  } finally {
    await stopServer(server);
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

// BENCH_ONLY=pglite or postgres: one database (e.g. to profile one server).
const only = process.env.BENCH_ONLY?.trim();
const rows: Record<string, string | number>[] = [];
if (only !== 'postgres') rows.push(await benchPglite());
const postgresUrl = process.env.BENCH_DATABASE_URL?.trim();
if (only === 'pglite') console.log('(BENCH_ONLY=pglite: PostgreSQL skipped)');
else if (postgresUrl) rows.push(await benchPostgres(postgresUrl));
else console.log('(BENCH_DATABASE_URL not set: PostgreSQL skipped)');
printTable(rows);
