/**
 * A cheap phone in a village (issue 13): the built app in Chromium at 360 × 740 with the CPU
 * slowed 4× (DevTools protocol `Emulation.setCPUThrottlingRate`), a warm service worker, no
 * network, and a coordinator whose phone holds 10,000 service points (loaded through the real
 * login and first download from the real server). For each screen, cold starts in a new tab:
 *
 * - first content: the `first-contentful-paint` entry;
 * - usable data: the first frame after the screen's marker (below) is in the DOM — the marker is
 *   an element that only exists once the screen shows the user's data;
 * - total blocking time and the longest task: `longtask` entries from navigation until 2 s of
 *   quiet after the marker (TBT = Σ (task − 50 ms), over the whole window, not only FCP→TTI);
 * - layout shift: Σ of `layout-shift` entries without recent input, same window;
 * - console errors (a CSP refusal shows up here).
 *
 * Then, online with the service worker bypassed and the HTTP cache off, the JavaScript and CSS
 * the start page downloads before its marker, on the wire: the truth `npm run size` must match.
 *
 * Loopback only (the server listens on 127.0.0.1, every other host is refused); bounded (each
 * wait has a timeout, the whole run stops after 30 minutes, BENCH_LIMIT_MIN). Prints; never passes or fails on time.
 * Run: npm run bench -- slow-phone   (BENCH_NO_BUILD=1 reuses dist/ or BENCH_DIST, BENCH_RUNS=n
 * cold starts, BENCH_POINTS, BENCH_PROFILE=<screen>, BENCH_TRACE=<screen>, BENCH_SCREENS=<part,part>,
 * BENCH_SHIFTS=1; see docs/PERFORMANCE.md)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../server/app';
import { createAccount } from '../server/auth/users';
import { migrate, openPgliteInMemory, type Db } from '../server/db';
import { serverRegions } from '../server/regions';
import { RECORD_HOOKS } from '../server/entity-hooks';
import { applyMutations, type ApplyMutation, type WriteActor } from '../server/sync/apply';
import { attendanceId } from '../src/domain/attendance';
import { newId } from '../src/domain/common';
import { newServicePointFields } from '../src/domain/servicePoint';
import { mulberry32 } from './random';
import { printTable } from './table';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const COUNTY = '330127'; // 淳安县
const PASSWORD = 'bench-2026-password';
const USERNAME = 'bench-coordinator';
const POINTS = Number(process.env.BENCH_POINTS ?? 10_000);
const TRAINEES = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CPU_SLOWDOWN = 4;
const QUIET_MS = 2_000;
const MARKER_TIMEOUT_MS = 30_000;
const WHOLE_RUN_MS = Number(process.env.BENCH_LIMIT_MIN ?? 30) * 60_000;

const pointIds: string[] = [];
const sessionId = newId();

interface Screen {
  name: string;
  path: () => string;
  /** CSS selector(s) that all exist only once the screen shows the user's data. */
  marker: string[];
  goal: { usableMs: number | null; longestMs: number | null; cls: number };
}

const SCREENS: Screen[] = [
  {
    name: '概览 start page',
    path: () => '/',
    marker: ['[data-testid="board"]'],
    goal: { usableMs: 1_000, longestMs: null, cls: 0.05 },
  },
  {
    name: '服务点 point list',
    path: () => '/points',
    marker: ['ul.record-list > li'],
    goal: { usableMs: 1_000, longestMs: null, cls: 0.05 },
  },
  {
    name: 'one point',
    path: () => `/points/${pointIds[123]!}`,
    marker: ['[data-testid="sync-state"]'],
    goal: { usableMs: null, longestMs: null, cls: 0.05 },
  },
  {
    name: 'roll call',
    path: () => `/training/sessions/${sessionId}/roll-call`,
    marker: ['[data-testid="roll-count"]', 'ul.roll-list > li'],
    goal: { usableMs: null, longestMs: null, cls: 0.05 },
  },
  {
    name: '地图 map',
    path: () => '/map',
    // The figures and the points drawn on the map (clusters are markers too).
    marker: ['[data-testid="map-summary"]', '.leaflet-marker-pane .leaflet-marker-icon'],
    goal: { usableMs: 1_500, longestMs: 200, cls: 0.05 },
  },
];

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function buildIfNeeded() {
  if (process.env.BENCH_NO_BUILD && existsSync(join(DIST, 'index.html'))) return;
  log('building the app…');
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) throw new Error('vite build failed');
}

/** 10,000 located open points in one county, one training session with 40 trainees on its list. */
function generateMutations(): ApplyMutation[] {
  const regions = serverRegions();
  const random = mulberry32(13);
  const townships = regions.townshipsOf(COUNTY);
  const villages = townships.flatMap((t) => regions.villagesOf(t.code)).filter((v) => v.rural);
  const upsert = (entity: ApplyMutation['entity'], recordId: string, changes: object) => ({
    mutationId: null,
    entity,
    recordId,
    op: 'upsert' as const,
    changes: changes as Record<string, unknown>,
    baseVersion: 0,
  });
  const mutations: ApplyMutation[] = [];
  for (let i = 0; i < POINTS; i++) {
    const id = newId();
    pointIds.push(id);
    const village = villages[i % villages.length]!;
    const open = i % 3 !== 0;
    mutations.push(
      upsert('servicePoint', id, {
        ...newServicePointFields('2026-03-01'),
        regionCode: village.code,
        name: `基准服务点 ${i + 1}`,
        status: open ? 'open' : 'planned',
        statusHistory: open
          ? [
              { status: 'planned', date: '2026-03-01' },
              { status: 'approved', date: '2026-03-01' },
              { status: 'open', date: '2026-03-02' },
            ]
          : [{ status: 'planned', date: '2026-03-01' }],
        openedOn: open ? '2026-03-02' : null,
        operatorName: '张三',
        operatorPhone: `138${String(10_000_000 + i).slice(-8)}`,
        location: {
          // Inside 淳安县, around the lake.
          lat: 29.45 + random() * 0.35,
          lng: 118.75 + random() * 0.5,
          accuracy: 10,
          source: 'gps',
          capturedAt: '2026-03-01T08:00:00.000Z',
        },
        notes: '',
      }),
    );
  }
  mutations.push(
    upsert('trainingSession', sessionId, {
      title: '电商培训班 基准',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      townshipCode: townships[0]!.code,
      trainer: '李老师',
      hours: 4,
      topics: ['网店运营'],
      capacity: 60,
    }),
  );
  for (let i = 0; i < TRAINEES; i++) {
    const traineeId = newId();
    mutations.push(
      upsert('trainee', traineeId, {
        name: `学员${i + 1}`,
        kind: i % 3 === 0 ? 'official' : 'youth',
        villageCode: villages[i % villages.length]!.code,
        phone: `139${String(20_000_000 + i).slice(-8)}`,
      }),
      upsert('attendance', attendanceId(sessionId, traineeId), {
        sessionId,
        traineeId,
        status: i % 2 === 0 ? 'present' : 'absent',
        checkedInAt: i % 2 === 0 ? '2026-03-10T09:00:00.000Z' : null,
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
      username: USERNAME,
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
  for (let i = 0; i < mutations.length; i += 2_000) {
    const batch = mutations.slice(i, i + 2_000);
    const outcomes = await db.transaction((tx) =>
      applyMutations(tx, { now, regions, hooks: RECORD_HOOKS }, actor, batch),
    );
    const rejected = outcomes.findIndex((o) => o.status === 'rejected');
    if (rejected >= 0) {
      const o = outcomes[rejected]!;
      throw new Error(
        `seed rejected ${batch[rejected]!.entity}: ${o.status === 'rejected' ? `${o.reason} ${o.message?.en}` : ''}`,
      );
    }
  }
}

/** Installed in every page before its scripts: collects paint, long tasks, shifts, the marker. */
function collector(markers: Record<string, string[]>) {
  interface Perf {
    fcp: number | null;
    usable: number | null;
    tasks: { start: number; duration: number }[];
    cls: number;
    shifts: { value: number; at: number; sources: string[] }[];
    csp: string[];
  }
  const perf: Perf = { fcp: null, usable: null, tasks: [], cls: 0, shifts: [], csp: [] };
  // CSP refusals reach DevTools as "security" messages, not console calls: count them here.
  document.addEventListener('securitypolicyviolation', (e) =>
    perf.csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  (window as unknown as { __perf: Perf }).__perf = perf;
  const path = location.pathname;
  const key = Object.keys(markers)
    .sort((a, b) => b.length - a.length)
    .find((k) => (k === '/' ? path === '/' : path.startsWith(k)));
  const selectors = key ? markers[key]! : [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'first-contentful-paint') perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      perf.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: {
        node?: Node | null;
        previousRect: DOMRectReadOnly;
        currentRect: DOMRectReadOnly;
      }[];
    })[]) {
      if (e.hadRecentInput) continue;
      perf.cls += e.value;
      perf.shifts.push({
        value: e.value,
        at: e.startTime,
        // Each source with how its box moved (top and height before → after, in CSS px).
        sources: (e.sources ?? []).map(
          (s) =>
            `${
              s.node instanceof Element
                ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}`
                : String(s.node?.nodeName ?? '?')
            } y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`,
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const check = () => {
    if (perf.usable !== null || selectors.length === 0) return;
    if (selectors.every((s) => document.querySelector(s))) {
      perf.usable = -1;
      // The frame that shows it.
      requestAnimationFrame(() => setTimeout(() => (perf.usable = performance.now()), 0));
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

interface Run {
  fcp: number;
  usable: number;
  tbt: number;
  longest: number;
  tasks: number;
  cls: number;
  errors: string[];
  shifts: { value: number; at: number; sources: string[] }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** BENCH_PROFILE=<part of a screen name>: where the main thread's time went, by function. */
function summariseProfile(profile: {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = !frame.url
      ? `(${frame.functionName || 'program'})`
      : URL.canParse(frame.url)
        ? new URL(frame.url).pathname
        : frame.url;
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  if (process.env.BENCH_PROFILE_OUT) {
    // The raw profile, for DevTools (Performance → load profile) or a closer look by time window.
    writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    log(`    profile written to ${process.env.BENCH_PROFILE_OUT}`);
  }
  log('    self time by file:');
  for (const [k, ms] of top(byFile, 12)) log(`      ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  log('    self time by function:');
  for (const [k, ms] of top(self, 25)) log(`      ${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; url?: string; data?: { url?: string } };
}

/**
 * BENCH_TRACE=<part of a screen name>: what the renderer's main thread did, by trace event, self
 * time (an event's duration less its children's). Where the CPU profile says only "(program)"
 * (style, layout, paint, compiling, IndexedDB), the trace names it.
 */
function summariseTrace(events: TraceEvent[]) {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const mains = names.filter((e) => e.args?.name === 'CrRendererMain');
  const busy = (pid: number, tid: number) =>
    events
      .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid)
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  const main = mains
    .map((m) => ({ pid: m.pid, tid: m.tid, busy: busy(m.pid, m.tid) }))
    .sort((a, b) => b.busy - a.busy)[0];
  if (!main) {
    log('    trace: no renderer main thread found');
    return;
  }
  const own = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string; children: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + Math.max(0, done.dur - done.children));
    }
  };
  for (const e of own) {
    close(e.ts);
    const parent = stack.at(-1);
    if (parent) parent.children += e.dur!;
    stack.push({ end: e.ts + e.dur!, name: e.name, children: 0, dur: e.dur! });
  }
  close(Infinity);
  if (process.env.BENCH_TRACE_OUT) {
    writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify({ traceEvents: events }));
    log(`    trace written to ${process.env.BENCH_TRACE_OUT} (DevTools → Performance → load)`);
  }
  // Module evaluation and resource requests by file: which chunk costs what.
  const byUrl = new Map<string, number>();
  for (const e of own) {
    if (e.name !== 'v8.evaluateModule' && e.name !== 'ResourceFetcher::requestResource') continue;
    const url = e.args?.data?.url ?? e.args?.url;
    if (!url) continue;
    const key = `${e.name === 'v8.evaluateModule' ? 'evaluate' : 'request'} ${url.replace(/^https?:\/\/[^/]+/, '')}`;
    byUrl.set(key, (byUrl.get(key) ?? 0) + (e.dur ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  log(`    trace: renderer main thread busy ${(total / 1000).toFixed(0)} ms; self time by event:`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
    log(`      ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  if (byUrl.size > 0) log('    module evaluation and resource requests by file (total, not self):');
  for (const [what, us] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15))
    log(`      ${(us / 1000).toFixed(0).padStart(6)} ms  ${what}`);
}

async function coldStart(context: BrowserContext, baseUrl: string, screen: Screen): Promise<Run> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // A failed load names its URL (the console text does not): what reached for the network.
    if (m.type() === 'error')
      errors.push(
        `${m.text().slice(0, 160)}${m.text().startsWith('Failed to load') ? ` (${m.location().url})` : ''}`,
      );
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message.slice(0, 160)}`));
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const profiling =
      process.env.BENCH_PROFILE !== undefined && screen.name.includes(process.env.BENCH_PROFILE);
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const tracing =
      process.env.BENCH_TRACE !== undefined && screen.name.includes(process.env.BENCH_TRACE);
    const traceEvents: TraceEvent[] = [];
    const traceDone = new Promise<void>((resolve) => {
      if (!tracing) return resolve();
      cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
        traceEvents.push(...(data.value as TraceEvent[]));
      });
      cdp.on('Tracing.tracingComplete', () => resolve());
    });
    if (tracing) {
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: {
          includedCategories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'v8.execute',
            'blink',
            'loading',
            // The app's marks (cundian:*), to read the trace against the start path's steps.
            'blink.user_timing',
            // JavaScript samples on the trace's clock (ProfileChunk events): which functions a
            // task of the timeline ran, read with the trace file (BENCH_TRACE_OUT).
            'disabled-by-default-v8.cpu_profiler',
          ],
        },
      });
    }
    await page.goto(`${baseUrl}${screen.path()}`, { waitUntil: 'commit' });
    // Polled from here through the DevTools protocol with a plain expression, not with
    // Playwright's waitForFunction/evaluate: those first evaluate Playwright's injected script in
    // the page (a ~65 ms task at 4×, in the traces right before the app's entry), a cost no
    // phone pays (docs/PERFORMANCE.md, "Eleventh session").
    const read = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
        expression,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string } };
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value as T;
    };
    const markerDeadline = Date.now() + MARKER_TIMEOUT_MS;
    for (;;) {
      const usable = await read<number | null>('globalThis.__perf?.usable ?? null').catch(
        () => null, // the document is still being replaced
      );
      if (typeof usable === 'number' && usable > 0) break;
      if (Date.now() > markerDeadline) {
        const state = await read<string>(
          `JSON.stringify({ perf: JSON.stringify(globalThis.__perf ?? null).slice(0, 200), text: document.body?.innerText.replace(/\\s+/g, ' ').slice(0, 200), url: location.href })`,
        ).catch((e: unknown) => String(e));
        log(`  no marker on ${screen.name}: ${state}; errors: ${errors.join(' | ')}`);
        throw new Error(`no marker on ${screen.name} within ${MARKER_TIMEOUT_MS} ms`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Until QUIET_MS without a long task (capped).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const lastEnd = await read<{ now: number; end: number }>(
        '(() => { const last = globalThis.__perf.tasks.at(-1); return { now: performance.now(), end: last ? last.start + last.duration : 0 }; })()',
      );
      if (lastEnd.now - lastEnd.end >= QUIET_MS || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const perf = await read<{
      fcp: number | null;
      usable: number;
      tasks: { start: number; duration: number }[];
      cls: number;
      shifts: { value: number; at: number; sources: string[] }[];
      csp: string[];
    }>('globalThis.__perf');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (tracing) {
      await cdp.send('Tracing.end');
      await Promise.race([traceDone, new Promise((r) => setTimeout(r, 30_000))]);
      summariseTrace(traceEvents);
    }
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      summariseProfile(profile as Parameters<typeof summariseProfile>[0]);
      // When the page's pieces arrived: the service worker's answer, each script, the marker.
      const timeline = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const rows: [string, number][] = [
          ['navigation response end', nav.responseEnd],
          ['DOMContentLoaded', nav.domContentLoadedEventEnd],
          ['load', nav.loadEventEnd],
        ];
        for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          rows.push([`${new URL(r.name).pathname} (${r.startTime.toFixed(0)}→)`, r.responseEnd]);
        for (const m of performance.getEntriesByType('mark'))
          rows.push([`mark ${m.name}`, m.startTime]);
        return rows.sort((a, b) => a[1] - b[1]);
      });
      log(
        `    long tasks (start+duration ms): ${perf.tasks.map((t) => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(' ')}`,
      );
      log('    timeline (ms from navigation):');
      for (const [what, at] of timeline) log(`      ${at.toFixed(0).padStart(6)}  ${what}`);
    }
    return {
      fcp: perf.fcp ?? NaN,
      usable: perf.usable,
      tbt: perf.tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      longest: Math.max(0, ...perf.tasks.map((t) => t.duration)),
      tasks: perf.tasks.length,
      cls: perf.cls,
      errors: [...errors, ...perf.csp.map((c) => `Content Security Policy: ${c}`)],
      shifts: perf.shifts,
    };
  } finally {
    await page.close();
  }
}

/** The start page online with the service worker bypassed: JS and CSS on the wire before data. */
async function startPageWire(context: BrowserContext, baseUrl: string) {
  const page: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    let usableAt: Map<string, number> | null = null;
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => ((window as unknown as { __perf?: { usable: number | null } }).__perf?.usable ?? 0) > 0,
      undefined,
      { timeout: 90_000, polling: 100 },
    );
    usableAt = new Map(bytes);
    const files: { file: string; kb: number }[] = [];
    for (const [id, size] of usableAt) {
      const url = urls.get(id) ?? '';
      if (!/\.(js|css)(\?|$)/.test(url)) continue;
      files.push({ file: new URL(url).pathname.slice(1), kb: size / 1024 });
    }
    files.sort((a, b) => b.kb - a.kb);
    return files;
  } finally {
    await page.close();
  }
}

/** A console error from the page's Content Security Policy (zod's `new Function` probe). */
function isCsp(message: string): boolean {
  return /Content Security Policy|unsafe-eval/i.test(message);
}

function median(values: number[]): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
}

async function main() {
  const stopper = setTimeout(() => {
    log('the bench ran over its time limit: stopping');
    process.exit(2);
  }, WHOLE_RUN_MS);
  stopper.unref();

  buildIfNeeded();
  log(`seeding ${POINTS.toLocaleString('en')} service points…`);
  const db = await openPgliteInMemory();
  await migrate(db);
  await seed(db);
  const app = await buildApp({ db, staticDir: DIST, regions: serverRegions() });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const host = new URL(baseUrl).host;

  const profile = mkdtempSync(join(tmpdir(), 'cundian-slow-phone-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    serviceWorkers: 'allow',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-sync',
      '--disable-component-update',
    ],
  });
  try {
    // Loopback only: anything else (tiles, fonts) is refused before it leaves the machine.
    await context.route(
      (url) => url.host !== host,
      (route) => route.abort(),
    );
    // Longest prefix wins in the page: the point and the roll call have their own.
    const markers: Record<string, string[]> = {
      '/': SCREENS[0]!.marker,
      '/points': SCREENS[1]!.marker,
      [`/points/${pointIds[123]!}`]: SCREENS[2]!.marker,
      '/training/sessions/': SCREENS[3]!.marker,
      '/map': SCREENS[4]!.marker,
    };
    // tsx compiles this file with esbuild's keepNames: the collector's inner functions call a
    // `__name` helper that exists only in Node. The page gets a harmless one first.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await context.addInitScript(collector, markers);

    log('logging in and downloading…');
    const page = context.pages()[0] ?? (await context.newPage());
    const warmErrors: string[] = [];
    page.on('pageerror', (e) => warmErrors.push(e.message.slice(0, 300)));
    page.on('console', (m) => {
      if (m.type() === 'error') warmErrors.push(m.text().slice(0, 300));
    });
    await page.goto(`${baseUrl}/login`);
    await page
      .getByLabel('用户名')
      .waitFor({ timeout: 60_000 })
      .catch((error: unknown) => {
        log(`  no login form; errors: ${warmErrors.join(' | ')}`);
        throw error;
      });
    await page.getByLabel('用户名').fill(USERNAME);
    await page.getByLabel('密码').fill(PASSWORD);
    const started = Date.now();
    await page.getByRole('button', { name: '登录' }).click();
    const progress = setInterval(() => {
      void page
        .locator('main')
        .innerText({ timeout: 5_000 })
        .then(
          (text) =>
            log(
              `  … ${((Date.now() - started) / 1000).toFixed(0)} s: ${text.replace(/\s+/g, ' ').slice(0, 120)}`,
            ),
          () => undefined,
        );
    }, 20_000);
    await page
      .getByText('下载完成，可以离线使用了。')
      .waitFor({ timeout: 900_000 })
      .finally(() => clearInterval(progress));
    log(`  downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // On to the app (a navigation rather than a tap on 开始使用: a busy machine can keep the
    // button "scrolling into view" for longer than a click waits).
    await page.goto(`${baseUrl}/`, { timeout: 180_000 });
    // Precaching the whole build can take minutes on a busy machine.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 600_000,
      polling: 1_000,
    });
    log('  the service worker controls the page; opening every screen once online…');
    // Warm: every screen once online (chunks, regions and outlines in the precache by now).
    for (const screen of SCREENS) {
      await page.goto(`${baseUrl}${screen.path()}`);
      await page
        .waitForFunction((sels) => sels.every((s) => document.querySelector(s)), screen.marker, {
          timeout: 180_000,
        })
        .catch(async (error: unknown) => {
          const text = await page
            .locator('body')
            .innerText()
            .catch(() => '');
          log(
            `  ${screen.name} never showed its marker: ${text.replace(/\s+/g, ' ').slice(0, 300)}`,
          );
          log(`  errors: ${warmErrors.join(' | ')}`);
          throw error;
        });
      log(`  ${screen.name}: ready`);
    }

    await page.close();

    await context.setOffline(true);
    const results: { screen: Screen; runs: Run[] }[] = [];
    // BENCH_SCREENS=start,map: only the screens whose names contain one of the parts.
    const only = process.env.BENCH_SCREENS?.split(',').filter(Boolean);
    for (const screen of SCREENS) {
      if (only && !only.some((part) => screen.name.includes(part))) continue;
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await coldStart(context, baseUrl, screen);
        runs.push(run);
        log(
          `  ${screen.name} #${i + 1}: FCP ${run.fcp.toFixed(0)} ms, usable ${run.usable.toFixed(0)} ms, ` +
            `TBT ${run.tbt.toFixed(0)} ms, longest ${run.longest.toFixed(0)} ms (${run.tasks} tasks), CLS ${run.cls.toFixed(3)}` +
            (run.errors.length ? `, errors: ${run.errors.join(' | ')}` : ''),
        );
        if (process.env.BENCH_SHIFTS)
          for (const s of run.shifts)
            log(`      shift ${s.value.toFixed(3)} at ${s.at.toFixed(0)}: ${s.sources.join(', ')}`);
      }
      results.push({ screen, runs });
    }

    await context.setOffline(false);
    log('measuring the start page on the wire (service worker bypassed)…');
    const wire = await startPageWire(context, baseUrl).catch((error: unknown) => {
      log(`  failed: ${String(error)}`);
      return [];
    });

    const ok = (value: number, goal: number | null) =>
      goal === null ? '' : value <= goal ? ' ✓' : ' ✗';
    console.log(
      `\nSlow phone: built app, Chromium at 360 × 740, CPU ${CPU_SLOWDOWN}× slower, warm service worker, offline, ` +
        `${POINTS.toLocaleString('en')} points on the phone; cold start in a new tab, median of ${RUNS}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
    );
    printTable(
      results.map(({ screen, runs }) => {
        const usable = median(runs.map((r) => r.usable));
        const longest = median(runs.map((r) => r.longest));
        const cls = median(runs.map((r) => r.cls));
        return {
          screen: screen.name,
          'first content ms': median(runs.map((r) => r.fcp)).toFixed(0),
          'usable ms': `${usable.toFixed(0)}${ok(usable, screen.goal.usableMs)}`,
          'goal usable': screen.goal.usableMs === null ? '—' : `≤ ${screen.goal.usableMs}`,
          'TBT ms': median(runs.map((r) => r.tbt)).toFixed(0),
          'longest task ms': `${longest.toFixed(0)}${ok(longest, screen.goal.longestMs)}`,
          'goal task': screen.goal.longestMs === null ? '—' : `≤ ${screen.goal.longestMs}`,
          CLS: `${cls.toFixed(3)}${ok(cls, screen.goal.cls)}`,
          'goal CLS': `≤ ${screen.goal.cls}`,
          'CSP errors': String(median(runs.map((r) => r.errors.filter(isCsp).length))),
          'other console errors': String(
            median(runs.map((r) => r.errors.filter((e) => !isCsp(e)).length)),
          ),
        };
      }),
    );
    console.log(
      '\nStart page online, service worker bypassed, HTTP cache off: JS and CSS before data',
    );
    printTable(wire.map((f) => ({ file: f.file, 'KB on the wire': f.kb.toFixed(1) })));
    console.log(`total: ${wire.reduce((s, f) => s + f.kb, 0).toFixed(1)} KB`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
