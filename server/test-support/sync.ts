/**
 * For tests only (imported by *.test.ts, never by the server): the databases a suite runs on —
 * PGlite always, a real PostgreSQL too when TEST_DATABASE_URL is set (test-support/databases.ts) — users
 * with cheap password hashes, a movable clock, and a test device that speaks the protocol to the
 * real app through app.inject().
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../app';
import type {
  Change,
  Mutation,
  PullResponse,
  PushResponse,
  Role,
  Scope,
} from '../../src/domain/protocol';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
import { newId } from '../../src/domain/common';
import { hashPassword } from '../auth/passwords';
import type { ScryptParameters } from '../base/context';
import type { Db } from '../db';
import { migrate } from '../db/migrate';
import {
  createPostgresTestDatabase,
  lendTestPglite,
  postgresTestUrl,
  returnTestPglite,
  type PostgresTestDatabase,
} from './databases';
import { partitionChangeLogByProvince } from './partitioned-change-log';

/** Cheap enough for hundreds of logins in a test run; real hashes use DEFAULT_SCRYPT. */
export const TEST_SCRYPT: ScryptParameters = { N: 2 ** 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'test-password-1';

export interface TestBackend {
  kind: Db['kind'];
  /** A fresh migrated database. */
  open(): Promise<Db>;
  /** A second connection pool to the same database (PostgreSQL only: another server instance). */
  openAnother?(db: Db): Promise<Db>;
  close(db: Db): Promise<void>;
}

/**
 * The change log's layout in the databases testBackends opens: one table (as migrated), or —
 * after partitionTestChangeLogs(), which server/sync/partitioned-change-log.test.ts calls before it
 * imports the sync test files — partitioned by province (test-support/partitioned-change-log.ts).
 */
let changeLogLayout: 'one table' | 'partitioned by province' = 'one table';

export function partitionTestChangeLogs(): void {
  changeLogLayout = 'partitioned by province';
  // The node project's files share this module (one worker, isolate: false): the files after
  // this one get the one table back.
  afterAll(() => {
    changeLogLayout = 'one table';
  });
}

async function laidOut(db: Db): Promise<Db> {
  if (changeLogLayout === 'partitioned by province') await partitionChangeLogByProvince(db);
  return db;
}

/** PGlite, and PostgreSQL when TEST_DATABASE_URL is set (else a visible warning). */
export function testBackends(testFile: string): TestBackend[] {
  const backends: TestBackend[] = [
    {
      kind: 'pglite',
      // One migrated PGlite per worker and layout, reset between files (lendTestPglite): the
      // files partitioned-change-log.test.ts runs again share one with the partitioned log.
      open: () =>
        lendTestPglite(
          changeLogLayout === 'one table' ? {} : { changeLog: 'partitioned by province' },
        ),
      close: async (db) => (db ? returnTestPglite(db) : undefined),
    },
  ];
  const url = postgresTestUrl(testFile);
  if (url) backends.push(postgresBackend(url));
  return backends;
}

export function postgresBackend(adminUrl: string): TestBackend {
  const databases = new Map<Db, PostgresTestDatabase>();
  return {
    kind: 'postgres',
    async open() {
      const database = await createPostgresTestDatabase(adminUrl);
      const db = await database.open();
      await migrate(db);
      await laidOut(db);
      databases.set(db, database);
      return db;
    },
    async openAnother(db) {
      return databases.get(db)!.open();
    },
    async close(db) {
      await databases.get(db)?.drop();
      databases.delete(db);
    },
  };
}

/**
 * Empties every table a test writes (keeping the migrations and the instance id), so one
 * database serves a whole test file: a truncate costs milliseconds, a fresh PGlite a second.
 */
export async function resetDatabase(db: Db): Promise<void> {
  await db.exec(`
    truncate table duplicate_flags, conflicts, change_log, push_results, clients, records, login_attempts,
      sessions, users restart identity cascade;
    delete from app_meta where key <> 'instance';
  `);
}

/**
 * One database for the test file (opened before the first test, dropped after the last),
 * emptied and re-seeded before each test. Returns a getter for the database.
 */
export function useTestDatabase(backend: TestBackend, seed?: (db: Db) => Promise<void>): () => Db {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await backend.open();
  });
  beforeEach(async () => {
    await resetDatabase(db!);
    await seed?.(db!);
  });
  afterAll(async () => {
    if (db) await backend.close(db);
  });
  return () => db!;
}

let testHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  scope: Scope;
}

/** Inserts a user with TEST_PASSWORD (hashed once per process, cheaply). */
export async function seedUser(
  db: Db,
  username: string,
  role: Role,
  scope: Scope,
): Promise<TestUser> {
  testHash ??= hashPassword(TEST_PASSWORD, TEST_SCRYPT);
  const { rows } = await db.query<{ id: string }>(
    `insert into users (username, display_name, role, scope_level, scope_code, password_hash)
     values ($1, $2, $3, $4, $5, $6) returning id::text as id`,
    [username, `${username} (test)`, role, scope.level, scope.code, await testHash],
  );
  return { id: rows[0]!.id, username, role, scope };
}

/** A clock tests move by hand. */
export class TestClock {
  constructor(public time = new Date('2026-03-02T08:00:00.000Z')) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export async function buildTestApp(db: Db, clock = new TestClock()): Promise<FastifyInstance> {
  return buildApp({ db, staticDir: '/nonexistent', scrypt: TEST_SCRYPT, now: clock.now });
}

export async function loginToken(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  }
  return (response.json() as { token: string }).token;
}

/** A device: a client id, a token, an outbox counter, and the protocol's two calls. */
export class TestDevice {
  private nextMutationId = 1;
  cursor: string | null = null;
  /** The device's copy of what it pulled: entity:id → data (removed on data null). */
  readonly copy = new Map<string, Change>();

  constructor(
    readonly app: FastifyInstance,
    public token: string,
    readonly clientId: string = newId(),
  ) {}

  /**
   * A new session on the same device (its client id, mutation ids and cursor stay): what a phone
   * does once its session has passed the absolute lifetime (SESSION_MAX_AGE_DAYS).
   */
  async signInAgain(username: string): Promise<void> {
    this.token = await loginToken(this.app, username);
  }

  static async signIn(app: FastifyInstance, username: string, clientId?: string) {
    return new TestDevice(app, await loginToken(app, username), clientId);
  }

  /** Builds a mutation with the next mutation id. */
  mutation(
    entity: Mutation['entity'],
    recordId: string,
    changes: Record<string, unknown>,
    baseVersion = 0,
    op: Mutation['op'] = 'upsert',
  ): Mutation {
    return { mutationId: this.nextMutationId++, entity, recordId, op, changes, baseVersion };
  }

  rawPush(body: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${this.token}` },
      payload: body as object,
    });
  }

  rawPull(body: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { authorization: `Bearer ${this.token}` },
      payload: body as object,
    });
  }

  pushBody(mutations: Mutation[]) {
    return {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: this.clientId,
      mutations,
    };
  }

  async push(mutations: Mutation[]): Promise<PushResponse> {
    const response = await this.rawPush(this.pushBody(mutations));
    if (response.statusCode !== 200) {
      throw new Error(`push: ${response.statusCode} ${response.body}`);
    }
    return response.json();
  }

  async pull(limit?: number): Promise<PullResponse> {
    const response = await this.rawPull({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      clientId: this.clientId,
      cursor: this.cursor,
      ...(limit ? { limit } : {}),
    });
    if (response.statusCode !== 200) {
      throw new Error(`pull: ${response.statusCode} ${response.body}`);
    }
    const answer = response.json() as PullResponse;
    if ('changes' in answer) {
      this.cursor = answer.cursor;
      for (const change of answer.changes) {
        const key = `${change.entity}:${change.id}`;
        if (change.data === null) this.copy.delete(key);
        else this.copy.set(key, change);
      }
    }
    return answer;
  }

  /** Pulls until hasMore is false; on resetRequired starts again from null, dropping its copy. */
  async pullAll(limit?: number): Promise<{ pages: number; resets: number }> {
    let pages = 0;
    let resets = 0;
    for (;;) {
      const answer = await this.pull(limit);
      if ('resetRequired' in answer) {
        if (++resets > 2) throw new Error('resetRequired twice in a row');
        this.cursor = null;
        this.copy.clear();
        continue;
      }
      pages++;
      if (!answer.hasMore) return { pages, resets };
    }
  }

  data(entity: string, id: string): Record<string, unknown> | undefined {
    return this.copy.get(`${entity}:${id}`)?.data ?? undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Valid records of the demo county (淳安县 330127), for tests.

export const CHUNAN = '330127';
export const QIANDAOHU = '330127100'; // 千岛湖镇
export const WENCHANG = '330127101'; // 文昌镇
export const QIANDAOHU_VILLAGE = '330127100219'; // 富城村
export const WENCHANG_VILLAGE = '330127101200'; // 浪洞村
export const TONGLU = '330122'; // 桐庐县
export const TONGLU_VILLAGE = '330122002200'; // 旧县村

export function servicePointFields(regionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    tier: 'village',
    regionCode,
    name: '测试服务点',
    services: ['purchasing', 'produceSales'],
    status: 'planned',
    statusHistory: [{ status: 'planned', date: '2026-03-01' }],
    openedOn: null,
    operatorName: '张三',
    operatorPhone: '13812345678',
    location: null,
    photos: [],
    notes: '',
    ...overrides,
  };
}

export function trainingSessionFields(
  townshipCode: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    title: '农村电商入门',
    startDate: '2026-03-10',
    endDate: '2026-03-11',
    townshipCode,
    trainer: '李老师',
    hours: 8,
    topics: ['网店开设'],
    capacity: 40,
    ...overrides,
  };
}

export function traineeFields(villageCode: string, overrides: Record<string, unknown> = {}) {
  return { name: '王小明', kind: 'youth', villageCode, phone: '13900001111', ...overrides };
}
