/**
 * Accessibility of every main screen, for each of the four demo roles, on a 360 × 740 phone and a
 * 1280 × 800 desktop (issue 13, item 4; docs/APP.md, Accessibility):
 *
 * - axe-core (the installed node_modules/axe-core/axe.min.js, injected into the page) runs the
 *   WCAG 2.0/2.1/2.2 A and AA rules; any violation fails, printed as rule, impact, help, the
 *   elements and axe's summary of what is wrong with each.
 * - every touch target (buttons, links outside running text, form controls, map markers) is at
 *   least 44 × 44 px, the app's own rule (WCAG's AA minimum is 24 px); offenders are listed with
 *   their text and size.
 * - the page never scrolls sideways (WCAG 1.4.10 reflow, which axe does not check): a wide
 *   table scrolls inside its own box.
 *
 * Bounded in time: one server (with the demo data), one Chromium, one login per role; each screen
 * is opened once per role and checked at both widths (the viewport is resized in place).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, startServer, type RunningServer } from './harness';
import { LoginPage } from './pages/Login';

const root = fileURLToPath(new URL('../..', import.meta.url));
const AXE_SOURCE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, as axe tags them (2.2 adds only AA rules to axe's set). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Parts whose findings are printed (as "shell") but do not fail the test. Empty: the top bar's
 * sync pill and the status line (rebuilt in issue 13) are checked like everything else. Add a
 * selector here only for a part being rebuilt elsewhere, with the reason, and remove it after.
 */
const PARTS_NOT_FAILING: readonly string[] = [];

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const WIDTHS = [PHONE, DESKTOP] as const;
const MIN_TARGET = 44;

type Role = 'admin' | 'coordinator' | 'officer' | 'trainer';

interface Screen {
  name: string;
  /** A path, or a way to find one from the role's data (the first point, session…). */
  path: string | ((page: Page) => Promise<string>);
  roles: readonly Role[];
  /**
   * What must be on screen before it is checked, besides the heading (the map's markers: drawn
   * after the data, and without them the markers' targets would pass unchecked).
   */
  ready?: string;
}

const ALL: readonly Role[] = ['admin', 'coordinator', 'officer', 'trainer'];

/**
 * While fixing one screen: A11Y_ROLES=officer A11Y_SCREENS='map,a point' npm run test:e2e --
 * tests/e2e/a11y.e2e.ts. Unset (always in CI), every role and every screen.
 */
const ONLY_ROLES = process.env.A11Y_ROLES?.split(',').map((s) => s.trim());
const ONLY_SCREENS = process.env.A11Y_SCREENS?.split(',').map((s) => s.trim());
const REVIEWERS: readonly Role[] = ['admin', 'coordinator'];
const POINT_EDITORS: readonly Role[] = ['admin', 'coordinator', 'officer'];
const TRAINING_PEOPLE: readonly Role[] = ['admin', 'coordinator', 'trainer'];

/** The href of the first link under `listPath` that leads to one record (not new/import…). */
function firstRecord(listPath: string, prefix: string, suffix = '') {
  return async (page: Page) => {
    await page.goto(page.url().replace(/^(https?:\/\/[^/]+).*$/, `$1${listPath}`));
    const links = page.locator(`main a[href^="${prefix}"]`);
    const reserved = new Set(['new', 'import', 'duplicates']);
    // Wait for a link to a record, not just any link under the prefix: the duplicates notice's
    // link can be on screen before the list's rows.
    await page
      .waitForFunction(
        ({ prefix, reserved }) =>
          [...document.querySelectorAll(`main a[href^="${prefix}"]`)].some((a) => {
            const first = (a.getAttribute('href') ?? '').slice(prefix.length).split(/[/?#]/)[0];
            return first !== '' && first !== undefined && !reserved.includes(first);
          }),
        { prefix, reserved: [...reserved] },
        { timeout: 20_000 },
      )
      .catch(() => undefined); // the check below says what was there
    const hrefs = await links.evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
    const href = hrefs.find((h) => {
      const first = h.slice(prefix.length).split(/[/?#]/)[0] ?? '';
      return first !== '' && !reserved.has(first);
    });
    if (!href) throw new Error(`no record linked from ${listPath} (${hrefs.join(', ')})`);
    return href.replace(/[?#].*$/, '') + suffix;
  };
}

const SCREENS: readonly Screen[] = [
  { name: '概览', path: '/', roles: ALL },
  { name: 'point list', path: '/points', roles: ALL },
  { name: 'a point', path: firstRecord('/points', '/points/'), roles: ALL },
  { name: 'new point', path: '/points/new', roles: POINT_EDITORS },
  { name: 'edit point', path: firstRecord('/points', '/points/', '/edit'), roles: POINT_EDITORS },
  { name: 'duplicates', path: '/points/duplicates', roles: REVIEWERS },
  { name: 'sessions', path: '/training/sessions', roles: ALL },
  {
    name: 'a session',
    path: firstRecord('/training/sessions', '/training/sessions/'),
    roles: ALL,
  },
  {
    name: 'roll call',
    path: firstRecord('/training/sessions', '/training/sessions/', '/roll-call'),
    roles: TRAINING_PEOPLE,
  },
  { name: 'new session', path: '/training/sessions/new', roles: TRAINING_PEOPLE },
  { name: 'trainees', path: '/training/trainees', roles: TRAINING_PEOPLE },
  {
    name: 'a trainee',
    path: firstRecord('/training/trainees', '/training/trainees/'),
    roles: TRAINING_PEOPLE,
  },
  { name: 'figures', path: '/training/figures', roles: ALL },
  { name: 'map', path: '/map', roles: ALL, ready: '.leaflet-marker-pane .map-marker' },
  { name: 'towns', path: '/towns', roles: ALL },
  { name: 'shops', path: '/towns/shops', roles: ALL },
  { name: 'county table', path: '/assessment', roles: ALL },
  { name: 'trends', path: '/assessment/trends', roles: ALL },
  { name: 'targets', path: '/assessment/targets', roles: ALL },
  { name: 'report', path: '/assessment/report', roles: REVIEWERS },
  { name: 'notices', path: '/notices', roles: ALL },
  { name: 'conflicts', path: '/sync/conflicts', roles: REVIEWERS },
  { name: 'users', path: '/users', roles: ['admin'] },
  { name: '更多 / sync panel', path: '/settings', roles: ALL },
];

interface Finding {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string; shell: boolean }[];
}

interface TargetOffender {
  what: string;
  width: number;
  height: number;
  shell: boolean;
}

interface ScreenResult {
  role: Role | 'nobody';
  screen: string;
  path: string;
  viewport: string;
  violations: Finding[];
  targets: TargetOffender[];
  /** The page's width when it is wider than the viewport (it scrolls sideways), else null. */
  overflow: number | null;
  /** How long the checks at this width took: the test is meant to stay bounded in time. */
  ms: number;
}

/** Waits until the screen has its heading and no spinner is left in it. */
async function settle(page: Page) {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('main .spinner')).some((el) => el.clientWidth > 0),
    undefined,
    { timeout: 20_000 },
  );
  // Leaflet's map draws its markers after its own load: wait for the panes when there is one.
  await page.waitForFunction(
    () => {
      const map = document.querySelector('.leaflet-container');
      return !map || map.querySelector('.leaflet-map-pane') !== null;
    },
    undefined,
    { timeout: 20_000 },
  );
}

async function runAxe(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an
    // inline <script>, and the test should not loosen the CSP it runs under.
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    async ({ tags, shellParts }) => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      const inShell = (selector: unknown) => {
        const last = Array.isArray(selector) ? selector[selector.length - 1] : selector;
        if (typeof last !== 'string') return false;
        const el = document.querySelector(last);
        return !!el && shellParts.some((part) => el.closest(part) !== null);
      };
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' >> '),
          summary:
            (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) +
            // What it collides with (target-size), is nested in, or is compared against.
            [...n.any, ...n.all, ...n.none]
              .flatMap((check) => check.relatedNodes ?? [])
              .slice(0, 3)
              .map((related) => ` [related: ${related.target.map(String).join(' >> ')}]`)
              .join(''),
          shell: inShell(n.target[n.target.length - 1]),
        })),
      }));
    },
    { tags: WCAG_TAGS, shellParts: [...PARTS_NOT_FAILING] },
  );
}

/**
 * Every visible touch target smaller than 44 × 44 px. A checkbox or radio counts with its label
 * (the label is what the thumb taps); a link inside running text (inline, with other text in the
 * same block) is exempt, as WCAG exempts it.
 */
async function smallTargets(page: Page): Promise<TargetOffender[]> {
  return page.evaluate(
    ({ min, shellParts }) => {
      const selector = [
        'button',
        'a[href]',
        'input:not([type=hidden])',
        'select',
        'textarea',
        'summary',
        '[role=button]',
        '[role=link]',
        '[role=tab]',
        '[role=checkbox]',
        '[role=switch]',
        '[tabindex]:not([tabindex="-1"])',
      ].join(',');
      const isBlock = (el: Element) => {
        const display = getComputedStyle(el).display;
        return !display.startsWith('inline') && display !== 'contents';
      };
      const inRunningText = (el: Element) => {
        if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
        let block = el.parentElement;
        while (block && !isBlock(block)) block = block.parentElement;
        const own = (el.textContent ?? '').trim().length;
        return !!block && (block.textContent ?? '').trim().length > own;
      };
      const out: { what: string; width: number; height: number; shell: boolean }[] = [];
      for (const el of Array.from(document.querySelectorAll(selector))) {
        if (el instanceof HTMLElement && el.closest('[inert], [aria-hidden=true]')) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        let rect = el.getBoundingClientRect();
        // Not rendered, visually hidden (1 px), or parked off-screen (the skip link).
        if (rect.width <= 1 || rect.height <= 1) continue;
        if (rect.right <= 0 || rect.bottom <= -window.scrollY) continue;
        if (inRunningText(el)) continue;
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
          const label = el.labels?.[0];
          if (label) {
            const r = label.getBoundingClientRect();
            rect = new DOMRect(
              Math.min(r.left, rect.left),
              Math.min(r.top, rect.top),
              Math.max(r.right, rect.right) - Math.min(r.left, rect.left),
              Math.max(r.bottom, rect.bottom) - Math.min(r.top, rect.top),
            );
          }
        }
        if (rect.width + 0.5 >= min && rect.height + 0.5 >= min) continue;
        const text =
          el.getAttribute('aria-label') ??
          el.getAttribute('title') ??
          ((el.textContent ?? '').trim() ||
            (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
            (el as HTMLInputElement).name ||
            '');
        const cls = typeof el.className === 'string' ? el.className.split(/\s+/)[0] : '';
        out.push({
          what: `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}> "${text.replace(/\s+/g, ' ').slice(0, 40)}"`,
          width: Math.round(rect.width),
          height: Math.round(rect.height),
          shell: shellParts.some((part) => el.closest(part) !== null),
        });
      }
      return out;
    },
    { min: MIN_TARGET, shellParts: [...PARTS_NOT_FAILING] },
  );
}

let server: RunningServer;
let browser: Browser;
const results: ScreenResult[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  printSummary();
});

async function checkScreen(page: Page, role: ScreenResult['role'], screen: string, ready?: string) {
  const path = new URL(page.url()).pathname;
  if (ready) await page.locator(ready).first().waitFor({ timeout: 20_000 });
  for (const viewport of WIDTHS) {
    const started = Date.now();
    await page.setViewportSize(viewport);
    await settle(page);
    const violations = await runAxe(page);
    const targets = await smallTargets(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    results.push({
      role,
      screen,
      path,
      viewport: `${viewport.width}×${viewport.height}`,
      violations,
      targets,
      overflow: width > viewport.width ? width : null,
      ms: Date.now() - started,
    });
  }
  await page.setViewportSize(PHONE);
}

function failing(r: ScreenResult) {
  return {
    violations: r.violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !n.shell) }))
      .filter((v) => v.nodes.length > 0),
    targets: r.targets.filter((t) => !t.shell),
  };
}

function describeResult(r: ScreenResult, which: 'app' | 'shell'): string[] {
  const lines: string[] = [];
  const keep = (shell: boolean) => (which === 'shell' ? shell : !shell);
  for (const v of r.violations) {
    const nodes = v.nodes.filter((n) => keep(n.shell));
    if (nodes.length === 0) continue;
    lines.push(`  ${v.rule} (${v.impact}): ${v.help}`);
    for (const n of nodes.slice(0, 8)) lines.push(`    ${n.target}\n      ${n.summary}`);
    if (nodes.length > 8) lines.push(`    … and ${nodes.length - 8} more`);
  }
  if (which === 'app' && r.overflow !== null) {
    lines.push(`  the page is ${r.overflow} px wide: it scrolls sideways`);
  }
  const targets = r.targets.filter((t) => keep(t.shell));
  if (targets.length > 0) {
    lines.push(`  touch targets under ${MIN_TARGET} px:`);
    for (const t of targets.slice(0, 12)) lines.push(`    ${t.what} ${t.width}×${t.height}`);
    if (targets.length > 12) lines.push(`    … and ${targets.length - 12} more`);
  }
  return lines;
}

function report(rs: ScreenResult[], which: 'app' | 'shell'): string {
  const out: string[] = [];
  for (const r of rs) {
    const lines = describeResult(r, which);
    if (lines.length > 0)
      out.push(`${r.role} · ${r.screen} (${r.path}) at ${r.viewport}`, ...lines);
  }
  return out.join('\n');
}

function printSummary() {
  const rows = results.map((r) => {
    const f = failing(r);
    const shellNodes = r.violations.reduce((n, v) => n + v.nodes.filter((x) => x.shell).length, 0);
    return `${r.role.padEnd(11)} ${r.screen.padEnd(18)} ${r.viewport.padEnd(9)} axe ${String(
      f.violations.reduce((n, v) => n + v.nodes.length, 0),
    ).padStart(3)} (${f.violations.map((v) => v.rule).join(',') || '-'})  small targets ${String(
      f.targets.length,
    ).padStart(
      3,
    )}${r.overflow !== null ? `  WIDE ${r.overflow}` : ''}  shell ${shellNodes}/${r.targets.filter((t) => t.shell).length}  ${r.ms} ms`;
  });
  console.log(
    `\nAccessibility, ${results.length} screens × widths checked (axe nodes, small targets):\n${rows.join('\n')}`,
  );
  const shell = report(results, 'shell');
  if (shell) console.log(`\nIn the shell parts rebuilt on i13-shell (not failing here):\n${shell}`);
}

async function signIn(page: Page, username: Role) {
  const login = new LoginPage(page);
  await login.open(server.url);
  await login.logIn(username, 'demo-2026');
  await login.finishDownload();
}

describe('accessibility (axe-core WCAG 2.2 A/AA, 44 px touch targets)', () => {
  it('the login screen, before anyone logs in', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    try {
      const page = await context.newPage();
      await new LoginPage(page).open(server.url);
      await checkScreen(page, 'nobody', 'login');
    } finally {
      await context.close();
    }
    const mine = results.filter((r) => r.role === 'nobody');
    const problems = report(mine, 'app');
    expect(problems, `\n${problems}`).toBe('');
  });

  for (const role of ALL.filter((r) => !ONLY_ROLES || ONLY_ROLES.includes(r))) {
    it(`every screen a ${role} may open`, { timeout: 300_000 }, async () => {
      const context = await browser.newContext({
        viewport: PHONE,
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      try {
        const page = await context.newPage();
        await signIn(page, role);
        const screens = SCREENS.filter(
          (s) => s.roles.includes(role) && (!ONLY_SCREENS || ONLY_SCREENS.includes(s.name)),
        );
        for (const screen of screens) {
          const path = typeof screen.path === 'string' ? screen.path : await screen.path(page);
          await page.goto(`${server.url}${path}`);
          await checkScreen(page, role, screen.name, screen.ready);
        }
      } finally {
        await context.close();
      }
      const mine = results.filter((r) => r.role === role);
      const problems = report(mine, 'app');
      expect(problems, `\n${problems}`).toBe('');
    });
  }
});
