/**
 * The client's side of sync, measured (issue 3), printed as a table — never pass/fail on time.
 *
 * - The first download of 20,000 records (1,500 service points, 4,000 trainees, 800 training
 *   sessions, 13,700 attendance rows) by the real engine in Chromium with a fresh profile ON DISK
 *   (an incognito context keeps IndexedDB in memory and flatters), from the real server over HTTP;
 * - beside it, in the same run, the same records written straight into IndexedDB in one
 *   transaction: the device's ceiling (goal: the download within 1.3× of it);
 * - the JS heap peak during the download (goal ≤ 150 MB), read through the DevTools protocol;
 * - the completeness check of a phone holding all 20,000 (goal: ≤ 10 % of a first download), and
 *   the same check repairing 200 records removed from the phone as a skipped download would;
 * - a push of 5,000 queued changes (and the pull that confirms them).
 *
 * The data is seeded through the server's own apply path (server/sync/apply.ts), so it carries
 * versions and change-log rows like pushed data. Run: node --import tsx bench/sync-client.bench.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app';
import { createAccount } from '../server/auth/users';
import { migrate, openPgliteInMemory, type Db } from '../server/db';
import { serverRegions } from '../server/regions';
import { RECORD_HOOKS } from '../server/entity-hooks';
import {
  applyMutations,
  creation,
  type ApplyMutation,
  type WriteActor,
} from '../server/sync/apply';
import { attendanceId } from '../src/domain/attendance';
import { newId } from '../src/domain/common';
import { deployment } from '../src/domain/deployment';
import { newServicePointFields } from '../src/domain/servicePoint';
import { mulberry32 } from './random';
import { printTable } from './table';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNTY = '330127'; // 淳安县
const PASSWORD = 'bench-2026-password';
const COUNTS = { servicePoint: 1_500, trainee: 4_000, trainingSession: 800, attendance: 13_700 };
const TOTAL = Object.values(COUNTS).reduce((a, b) => a + b, 0);
const RUNS = 3;
const PUSHED = 5_000;
/** Records removed from a downloaded phone before the check that repairs them. */
const DROPPED = 200;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** The browser half, bundled into a folder the server serves as its "app". */
async function bundlePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cundian-sync-bench-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    // Library mode leaves process.env.NODE_ENV to the consumer: this is the production build.
    // …and the deployment's area, as vite.config.ts bakes it into the app (the actions' schemas
    // check villages against it).
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      __DEPLOYMENT__: JSON.stringify({ ...deployment(), source: '' }),
    },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: join(ROOT, 'bench', 'sync-client.page.ts'),
        formats: ['es'],
        fileName: () => 'bench.js',
      },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>sync bench</title><script type="module" src="/bench.js"></script>',
  );
  return outDir;
}

/** 20,000 valid records of one county, as the mutations a device would have pushed. */
function generateMutations(): ApplyMutation[] {
  const regions = serverRegions();
  const random = mulberry32(2026);
  const townships = regions.townshipsOf(COUNTY);
  const villages = townships.flatMap((t) => regions.villagesOf(t.code)).filter((v) => v.rural);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const upsert = creation;
  const mutations: ApplyMutation[] = [];

  for (let i = 0; i < COUNTS.servicePoint; i++) {
    const village = villages[i % villages.length]!;
    mutations.push(
      upsert('servicePoint', newId(), {
        ...newServicePointFields('2026-03-01'),
        regionCode: village.code,
        name: `基准服务点 ${i + 1}`,
        operatorName: '张三',
        operatorPhone: `138${String(10_000_000 + i).slice(-8)}`,
        notes: '基准测试数据',
      }),
    );
  }
  const sessions: string[] = [];
  for (let i = 0; i < COUNTS.trainingSession; i++) {
    const id = newId();
    sessions.push(id);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    mutations.push(
      upsert('trainingSession', id, {
        title: `电商培训班 第 ${i + 1} 期`,
        startDate: `2026-${month}-${day}`,
        endDate: `2026-${month}-${day}`,
        townshipCode: pick(townships).code,
        trainer: '李老师',
        hours: 4,
        topics: ['网店运营', '直播带货'],
        capacity: 40,
      }),
    );
  }
  const trainees: string[] = [];
  for (let i = 0; i < COUNTS.trainee; i++) {
    const id = newId();
    trainees.push(id);
    mutations.push(
      upsert('trainee', id, {
        name: `学员${i + 1}`,
        kind: i % 3 === 0 ? 'official' : 'youth',
        villageCode: pick(villages).code,
        phone: `139${String(20_000_000 + i).slice(-8)}`,
      }),
    );
  }
  // Attendance: distinct (session, trainee) pairs, ~17 per session.
  for (let i = 0; i < COUNTS.attendance; i++) {
    const sessionId = sessions[i % sessions.length]!;
    const traineeId = trainees[(i * 7 + Math.floor(i / sessions.length)) % trainees.length]!;
    mutations.push(
      upsert('attendance', attendanceId(sessionId, traineeId), {
        sessionId,
        traineeId,
        status: 'present',
        checkedInAt: '2026-03-01T09:00:00.000Z',
      }),
    );
  }
  return mutations;
}

async function seed(db: Db): Promise<void> {
  const regions = serverRegions();
  const scrypt = { N: 2 ** 12, r: 8, p: 1 };
  const admin = await createAccount(
    db,
    regions,
    {
      username: 'bench-admin',
      role: 'admin',
      scope: { level: 'prefecture', code: '3301' },
      password: PASSWORD,
    },
    scrypt,
  );
  await createAccount(
    db,
    regions,
    {
      username: 'bench-coordinator',
      role: 'coordinator',
      scope: { level: 'county', code: COUNTY },
      password: PASSWORD,
    },
    scrypt,
  );
  const actor: WriteActor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin',
    scope: admin.scope,
    clientId: null,
  };
  const mutations = generateMutations();
  const now = new Date();
  let rejected = 0;
  for (let i = 0; i < mutations.length; i += 2_000) {
    const batch = mutations.slice(i, i + 2_000);
    const outcomes = await db.transaction((tx) =>
      applyMutations(tx, { now, regions, hooks: RECORD_HOOKS }, actor, batch),
    );
    for (const [j, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected') {
        rejected += 1;
        if (rejected <= 3)
          log(`rejected ${batch[j]!.entity}: ${outcome.reason} ${outcome.message?.en}`);
      }
    }
  }
  if (rejected > 0) throw new Error(`${rejected} seed records were rejected`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  log('bundling the browser half…');
  const pageDir = await bundlePage();
  log(`seeding ${TOTAL} records through the server's apply path…`);
  const db = await openPgliteInMemory();
  await migrate(db);
  const seedStart = performance.now();
  await seed(db);
  log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const app = await buildApp({ db, staticDir: pageDir, regions: serverRegions() });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  const profile = mkdtempSync(join(tmpdir(), 'cundian-sync-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'sync-bench-ready');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapNow = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };

    // Calls a function of the page's window.syncBench.
    const call = <T>(name: string, argument: object = {}) =>
      page.evaluate(
        ([fn, arg]) =>
          (window as unknown as { syncBench: Record<string, (a: object) => unknown> }).syncBench[
            fn as string
          ]!(arg as object),
        [name, argument] as const,
      ) as Promise<T>;

    interface DownloadResult {
      ms: number;
      outcome: string;
      records: number;
      waitingMs: number;
      requests: number;
      bytes: number;
    }
    /** A download with the JS heap sampled through the DevTools protocol meanwhile. */
    const measuredDownload = async (argument: object) => {
      await cdp.send('HeapProfiler.collectGarbage');
      let heapPeak = await heapNow();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          heapPeak = Math.max(heapPeak, await heapNow());
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const result = await call<DownloadResult>('download', argument);
      sampling = false;
      await sampler;
      if (result.outcome !== 'synced' || result.records !== TOTAL) {
        throw new Error(`download: ${result.outcome}, ${result.records} records`);
      }
      return { ...result, heapPeak };
    };

    const credentials = {
      username: 'bench-coordinator',
      password: PASSWORD,
      ...(process.env.PULL_LIMIT ? { limit: Number(process.env.PULL_LIMIT) } : {}),
    };
    const real: (DownloadResult & { heapPeak: number })[] = [];
    const replayed: (DownloadResult & { heapPeak: number })[] = [];
    const directs: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const online = await measuredDownload({
        dbName: `download-${run}`,
        mode: 'record',
        ...credentials,
      });
      real.push(online);
      const offline = await measuredDownload({
        dbName: `replay-${run}`,
        mode: 'replay',
        ...credentials,
      });
      replayed.push(offline);
      // The ceiling, in the same profile, right after: the same records, one transaction.
      const held = await call<number>('holdRecordedRecords');
      if (held !== TOTAL) throw new Error(`held ${held} records`);
      const direct = await call<{ ms: number; records: number }>('writeDirect', {
        dbName: `direct-${run}`,
      });
      if (direct.records !== TOTAL) throw new Error(`direct write: ${direct.records} records`);
      directs.push(direct.ms);
      log(
        `  run ${run}: download ${online.ms.toFixed(0)} ms (server ${online.waitingMs.toFixed(0)} ms), ` +
          `replayed ${offline.ms.toFixed(0)} ms, direct ${direct.ms.toFixed(0)} ms, ` +
          `heap peak ${(Math.max(online.heapPeak, offline.heapPeak) / 2 ** 20).toFixed(1)} MB`,
      );
    }

    interface CheckResult {
      ms: number;
      outcome: string;
      repaired: number;
      records: number;
      waitingMs: number;
      requests: number;
      bytes: number;
    }
    const checks: CheckResult[] = [];
    const repairs: CheckResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const check = await call<CheckResult>('checkAgain', {
        dbName: `download-${run}`,
        ...credentials,
      });
      if (check.outcome !== 'complete') throw new Error(`check: ${JSON.stringify(check)}`);
      checks.push(check);
      const repair = await call<CheckResult>('checkAgain', {
        dbName: `download-${run}`,
        drop: DROPPED,
        ...credentials,
      });
      if (
        repair.outcome !== 'repaired' ||
        repair.repaired !== DROPPED ||
        repair.records !== TOTAL
      ) {
        throw new Error(`repair: ${JSON.stringify(repair)}`);
      }
      repairs.push(repair);
      log(
        `  run ${run}: check ${check.ms.toFixed(0)} ms (server ${check.waitingMs.toFixed(0)} ms), ` +
          `repair of ${DROPPED} ${repair.ms.toFixed(0)} ms in ${repair.requests} requests`,
      );
    }

    log(`queueing ${PUSHED} changes and pushing them…`);
    const push = await call<{
      queued: number;
      queueMs: number;
      outcome: string;
      pushMs: number;
      totalMs: number;
      left: number;
    }>('pushQueued', { dbName: `download-${RUNS}`, count: PUSHED, ...credentials });
    if (push.outcome !== 'synced' || push.left !== 0)
      throw new Error(`push: ${JSON.stringify(push)}`);

    const download = median(real.map((d) => d.ms));
    const replay = median(replayed.map((d) => d.ms));
    const direct = median(directs);
    const waiting = median(real.map((d) => d.waitingMs));
    const check = median(checks.map((c) => c.ms));
    const repair = median(repairs.map((c) => c.ms));
    const heapPeak =
      Math.max(...real.map((d) => d.heapPeak), ...replayed.map((d) => d.heapPeak)) / 2 ** 20;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    const all = (values: number[]) => values.map((v) => v.toFixed(0)).join(' / ');
    console.log(
      `\nSync client: ${TOTAL.toLocaleString('en')} records (${Object.entries(COUNTS)
        .map(([e, n]) => `${n.toLocaleString('en')} ${e}`)
        .join(
          ', ',
        )}), Chromium, profile on disk, median of ${RUNS}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
    );
    printTable([
      {
        measure: 'first download, real server over HTTP (login excluded)',
        ms: download,
        'records/s': (TOTAL / download) * 1000,
        note: `${all(real.map((d) => d.ms))} ms; ${real[0]!.requests} requests, ${kb(real[0]!.bytes)} of JSON; waiting for the server ${waiting.toFixed(0)} ms (overlapped with writing)`,
      },
      {
        measure: 'first download, same answers replayed (the device’s own work)',
        ms: replay,
        'records/s': (TOTAL / replay) * 1000,
        note: `${all(replayed.map((d) => d.ms))} ms; parse, check and write ${real[0]!.requests} pages, one transaction each`,
      },
      {
        measure: 'same records straight into IndexedDB, one transaction (ceiling)',
        ms: direct,
        'records/s': (TOTAL / direct) * 1000,
        note: `${all(directs)} ms`,
      },
      {
        measure: 'ratio to the ceiling (goal ≤ 1.3×)',
        ms: '',
        'records/s': '',
        note: `replayed ${(replay / direct).toFixed(2)}×; with the real server ${(download / direct).toFixed(2)}×`,
      },
      {
        measure: 'JS heap peak during a download (goal ≤ 150 MB)',
        ms: '',
        'records/s': '',
        note: `${heapPeak.toFixed(1)} MB (DevTools JSHeapUsedSize, sampled every 25 ms)`,
      },
      {
        measure: 'completeness check of a caught-up phone (both sides 20,000)',
        ms: check,
        'records/s': '',
        note: `${all(checks.map((c) => c.ms))} ms; ${checks[0]!.requests} request, ${kb(checks[0]!.bytes)}, waiting for the server ${median(checks.map((c) => c.waitingMs)).toFixed(0)} ms; ${((check / download) * 100).toFixed(1)} % of a first download (goal ≤ 10 %)`,
      },
      {
        measure: `the check repairing ${DROPPED} missing records`,
        ms: repair,
        'records/s': '',
        note: `${all(repairs.map((c) => c.ms))} ms; ${repairs[0]!.requests} requests, ${kb(repairs[0]!.bytes)} of JSON (digest, buckets, finer buckets, records, digest again)`,
      },
      {
        measure: `push of ${push.queued.toLocaleString('en')} queued changes (${Math.ceil(push.queued / 500)} batches)`,
        ms: push.pushMs,
        'records/s': (push.queued / push.pushMs) * 1000,
        note: `then the pull that confirms them: ${(push.totalMs - push.pushMs).toFixed(0)} ms; queueing them through the actions took ${(push.queueMs / 1000).toFixed(1)} s`,
      },
    ]);
  } finally {
    await context.close();
    await app.close();
    await db.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(pageDir, { recursive: true, force: true });
  }
}

await main();
