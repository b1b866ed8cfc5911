/**
 * What every browser test needs: the real server (built app + embedded PGlite in a fresh data
 * folder) on a free port, and Chromium with a fresh on-disk profile so no service worker or
 * IndexedDB is left from an earlier run (STACK.md trap 9).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function chromiumPath(): string {
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /**
   * Starts it again on the same port and data folder (after stop()) — the same program, or
   * another one (an upgrade: `entry` is a script relative to the repository root).
   */
  restart(options?: { entry?: string }): Promise<void>;
}

/** The real server; `entry` another program started the same way (an older server, a fixture). */
export async function startServer(options: { entry?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cundian-e2e-data-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  let entry = options.entry ?? join('server', 'main.ts');

  async function start() {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not become healthy in 60 s:\n${output}`);
  }

  async function stop() {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    });
  }

  await start();
  return {
    url,
    dataDir,
    stop,
    restart: (again = {}) => {
      if (again.entry) entry = again.entry;
      return start();
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh persistent profile on disk (real IndexedDB and service worker storage). */
export async function launchPhone(options: { locale?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cundian-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
    serviceWorkers: 'allow',
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-sync',
      '--disable-component-update',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const screenshotDir = join(root, 'docs', 'screenshots');

/**
 * Waits until the page has scrolled down from `fromY` and stopped: the same scroll position for
 * five animation frames in a row (a wheel's smooth scroll has ended). Counted in the page's own
 * frames, never in milliseconds, so a slow machine only takes longer.
 */
export async function untilScrollSettled(page: Page, fromY = 0): Promise<void> {
  await page.evaluate(
    (from) =>
      new Promise<void>((resolve) => {
        let last = -1;
        let same = 0;
        const step = () => {
          const y = window.scrollY;
          same = y === last && y > from ? same + 1 : 0;
          last = y;
          if (same >= 5) resolve();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    fromY,
  );
}
