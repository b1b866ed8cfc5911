/**
 * A trainer's session on a 360-px phone with no signal: create the session, import the township's
 * list of 40 expected trainees, take the roll call (most present, one late, a walk-in), reload in
 * the middle of it and find every tap kept, finish, take someone who did not come off the list,
 * see the year's figure count each person once, and finally delete the session with its
 * attendance. Every view has its own path (/training/sessions/…/roll-call), so the reloads land
 * where they were.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegionFile } from '../../src/domain/region';
import {
  launchPhone,
  screenshotDir,
  startServer,
  untilScrollSettled,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { SyncPanel } from './pages/SyncPanel';
import { TrainingPage } from './pages/Training';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;
let trainerPhone: Browser | undefined;
let coordinatorPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await coordinatorPhone?.close();
  await trainerPhone?.close();
  await phone?.close();
  await server?.stop();
});

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['建国', '秀英', '志强', '丽华', '海燕'];
const regions = parseRegionFile(
  JSON.parse(readFileSync(new URL('../../public/regions/3301.json', import.meta.url), 'utf8')),
);
const villages = regions.villagesOf('330127100').filter((v) => v.rural);

/** The township's list: 40 people in villages of 千岛湖镇, as Excel saves it. */
function township40(): { file: string; people: { name: string; phone: string }[] } {
  const people = SURNAMES.flatMap((s) => GIVEN.map((g) => s + g)).map((name, i) => ({
    name,
    kind: i % 4 === 0 ? '村官' : '农村青年',
    village: villages[i % villages.length]!.shortName,
    phone: `1380000${String(1000 + i)}`,
  }));
  const csv = [
    '姓名,类别,村（社区）,手机号',
    ...people.map((p) => [p.name, p.kind, p.village, p.phone].join(',')),
  ].join('\r\n');
  const file = join(tmpdir(), `roster-${Date.now()}.csv`);
  writeFileSync(file, `\uFEFF${csv}`);
  return { file, people };
}

const shot = (name: string, fullPage = true) =>
  phone.page.screenshot({ path: join(screenshotDir, `training-${name}-360.png`), fullPage });

/** The figure on the training figures page: how many people trained this year. */
async function trained(page: Page): Promise<number> {
  const text = (await new TrainingPage(page).trainedCount().textContent()) ?? '';
  return Number(/已培训 ([\d,]+) 人/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

describe('training offline', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  type Person = { name: string; phone: string };
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let training: TrainingPage;
  let sessionPath: string;
  let people: Person[];
  let byPhone: Person | undefined;
  let late: Person | undefined;
  let absent1: Person | undefined;
  let absent2: Person | undefined;
  let rest: Person[];
  const year = new Date().getFullYear();

  beforeAll(() => {
    ({ page, context } = phone);
    shell = new AppShell(page);
    training = new TrainingPage(page);
  });

  it('installs on a first visit online, then goes out of signal', async () => {
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    // The install hint is not what these screenshots are about.
    await shell.dismissInstallHint();
    await context.setOffline(true);
  });

  it("creates a session from the tab's own address, which leads to the sessions", async () => {
    await training.open(server.url);
    await training.heading('培训班').waitFor();
    expect(training.path()).toBe('/training/sessions');
    await training.createSession({
      title: '千岛湖镇农村电商培训班',
      county: '淳安县',
      township: '千岛湖镇',
      trainer: '陈老师',
      hours: '6',
    });
    sessionPath = training.path();
    expect(sessionPath).toMatch(/^\/training\/sessions\/[0-9a-f-]{36}$/);
  });

  it("imports the township's list of 40: a preview first, nothing written until confirmed", async () => {
    const roster = township40();
    people = roster.people;
    await training.importList(roster.file);
    await page.getByText('40 行可以导入，0 行有问题').waitFor();
    await shot('import-preview');
    await page.getByRole('button', { name: '导入 40 人到名单' }).click();
    await page.getByText('已加入名单：40 人。').waitFor();
    await page.getByRole('link', { name: '返回培训班' }).click();
    await expect(page.getByTestId('session-count').textContent()).resolves.toContain('已到 0 / 40');
  });

  it("takes the roll call: people found by two or three characters of the name, one by the phone's last digits", async () => {
    // The roll call: 36 by two or three characters of the name, one by the phone's last digits.
    await page.getByRole('link', { name: '开始点名' }).click();
    await expect(training.rollCount().textContent()).resolves.toContain('已到 0 / 40');
    expect(training.path()).toBe(`${sessionPath}/roll-call`);
    [byPhone, late, absent1, absent2, ...rest] = people;
    for (const p of rest.slice(0, 18)) await training.checkIn(p.name, p.name);
    await training.checkIn(byPhone!.phone.slice(-4), byPhone!.name);
  });

  it('a reload in the middle of the roll call keeps every tap, on the same page', async () => {
    // The phone dies / the page reloads in the middle: every tap is still there, on the same page.
    await page.reload();
    expect(training.path()).toBe(`${sessionPath}/roll-call`);
    await expect(training.rollCount().textContent()).resolves.toContain('已到 19 / 40');
  });

  it('checks in the rest, one late and a walk-in; at 360 px full numbers stay on the village line', async () => {
    for (const p of rest.slice(18)) await training.checkIn(p.name, p.name);
    await training.markLate(late!.name.slice(0, 2), late!.name);
    await training.walkIn('周晓梅', '富城', /富城村/, '13700009999');
    await expect(training.rollCount().textContent()).resolves.toContain('已到 39 / 41');
    await expect(training.rollCount().textContent()).resolves.toContain('其中迟到 1');
    await training.search().fill('刘');
    // At 360 px, full numbers (nobody is signed in: everything here was typed on this device) stay
    // on the village's line in every row, unbroken.
    await page.evaluate(() => window.scrollTo(0, 0));
    const rowLines = await training.rowLines();
    expect(rowLines.length).toBeGreaterThanOrEqual(5);
    for (const line of rowLines)
      expect(line).toEqual({ phone: expect.stringMatching(/^1\d{10}$/), oneLine: true });
    await shot('roll-call');
    await training.search().fill('');
  });

  it('after another reload the two who did not come still wait; scrolled, the count and search stay on screen', async () => {
    await page.reload();
    await expect(training.rollCount().textContent()).resolves.toContain('已到 39 / 41');
    // The two who did not come are still waiting.
    await page.getByRole('button', { name: `签到 ${absent1!.name}` }).waitFor();
    await page.getByRole('button', { name: `签到 ${absent2!.name}` }).waitFor();
    // Scrolled down the list, the count and the search stay on screen (sticky under the top bar).
    const top = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 2500);
    await untilScrollSettled(page, top);
    const box = await training.search().boundingBox();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y + box!.height).toBeLessThan(740);
    await shot('roll-call-scrolled', false);
  });

  it('finishes the roll call: 39 of 41 came', async () => {
    await page.getByRole('link', { name: '完成点名' }).click();
    await expect(page.getByTestId('session-count').textContent()).resolves.toContain(
      '已到 39 / 41',
    );
    await shot('session', false);
  });

  it('takes one who moved away off the list, after a question that says what happens', async () => {
    // One of the two who did not come has moved away: taken off the list, after a question that
    // says what happens. Those checked in have no such button.
    await page
      .getByRole('button', { name: `把 ${absent1!.name} 移出名单` })
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot('roster-remove', false);
    const question = await training.askToRemove(absent1!.name);
    await question.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot('roster-remove-confirm', false);
    expect(await page.getByRole('button', { name: `把 ${rest[0]!.name} 移出名单` }).count()).toBe(
      0,
    );
    await training.confirmRemove();
    await page.getByRole('heading', { name: '名单（40 人）' }).waitFor();
    await expect(page.getByTestId('session-count').textContent()).resolves.toContain(
      '已到 39 / 40',
    );
  });

  it('exports the attendance ready for Excel, one line per person on the list', async () => {
    // The attendance export: Excel-ready (BOM), one line per person on the list.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出签到记录' }).click(),
    ]);
    const csvText = readFileSync((await download.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFF姓名,类别,区县')).toBe(true);
    const lines = csvText.trim().split('\r\n');
    expect(lines).toHaveLength(41);
    expect(lines.filter((l) => l.includes(',已到,'))).toHaveLength(38);
    expect(lines.filter((l) => l.includes(',迟到,'))).toHaveLength(1);
  });

  it('shows the printable sign-in sheet', async () => {
    await page.getByRole('link', { name: '签到表' }).click();
    await page.getByRole('table').waitFor();
    await shot('sign-in-sheet', false);
    await page.goBack();
  });

  it('counts 39 different people trained this year (the session is dated today)', async () => {
    await page.getByRole('link', { name: '统计' }).click();
    await expect(training.trainedCount().textContent()).resolves.toBe(`${year} 年已培训 39 人`);
    await shot('figures');
  });

  it('lists the trainees with the phone in full as a tap-to-call link (nobody is signed in)', async () => {
    // Trainees: nobody is signed in (everything here was typed on this device), so the phone is
    // in full, a tap-to-call link (showsFullPhone in src/domain/scope.ts).
    await page.getByRole('link', { name: '学员' }).click();
    await page.getByRole('searchbox', { name: '搜索姓名或手机号' }).fill('9999');
    await page.getByRole('link', { name: '拨打 周晓梅 13700009999' }).waitFor();
    await shot('trainees');
  });

  it('deletes the session after all: the question counts what goes with it, and nobody counts as trained', async () => {
    // The session is deleted after all: the question counts what goes with it; afterwards the
    // sessions are empty and nobody counts as trained this year.
    await page.goto(`${server.url}${sessionPath}`);
    const consequence = await training.askToDeleteSession();
    await expect(consequence.textContent()).resolves.toContain(
      '名单上的 40 条签到记录（其中已到 39 人）也一并删除',
    );
    await consequence.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot('session-delete', false);
    await training.confirmDeleteSession();
    await page.getByText('还没有培训班').waitFor();
    expect(training.path()).toBe('/training/sessions');
    await page.getByRole('link', { name: '统计' }).click();
    await expect(training.trainedCount().textContent()).resolves.toBe(`${year} 年已培训 0 人`);
  });
});

describe('training, then online', () => {
  // One story, in steps that share the trainer's phone (storySteps: the first failure stops the
  // story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let training: TrainingPage;
  let sync: SyncPanel;
  /** The county's figure before the trainer's session (the demo has trained people already). */
  let before: number;
  const year = new Date().getFullYear();

  it("the trainer's phone installs, logs in and downloads the county", async () => {
    trainerPhone = await launchPhone();
    ({ page, context } = trainerPhone);
    training = new TrainingPage(page);
    sync = new SyncPanel(page);
    const login = new LoginPage(page);
    // As sync.e2e does: the app is installed (service worker in control) before logging in.
    const shell = new AppShell(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('trainer', 'demo-2026');
    await login.finishDownload();
  });

  it("an old link of the first version lands on the figures page; the county's figure before", async () => {
    // An old link of the first version (the view in the query string) still lands on its page.
    await training.open(server.url, '?v=figures');
    await training.trainedCount().waitFor();
    expect(training.path()).toBe('/training/figures');
    before = await trained(page);
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it('out of signal: a session, a list of 12, ten of them checked in, a reload; the figure counts them', async () => {
    await context.setOffline(true);
    await training.open(server.url);
    await training.createSession({
      title: '千岛湖镇同步测试培训班',
      county: '淳安县',
      township: '千岛湖镇',
      trainer: '演示培训师',
      hours: '4',
    });
    const people = ['吴', '郑', '孙'].flatMap((s) =>
      ['晓东', '晓南', '晓西', '晓北'].map((g, i) => ({
        name: s + g,
        phone: `1360000${s === '吴' ? 1 : s === '郑' ? 2 : 3}${i}00`,
      })),
    );
    const file = join(tmpdir(), `roster-sync-${Date.now()}.csv`);
    writeFileSync(
      file,
      `\uFEFF姓名,类别,村（社区）,手机号\r\n${people
        .map((p) => `${p.name},农村青年,${villages[0]!.shortName},${p.phone}`)
        .join('\r\n')}`,
    );
    await training.importList(file);
    await page.getByRole('button', { name: '导入 12 人到名单' }).click();
    await page.getByText('已加入名单：12 人。').waitFor();
    await page.getByRole('link', { name: '返回培训班' }).click();
    await page.getByRole('link', { name: '开始点名' }).click();
    for (const p of people.slice(0, 10)) await training.checkIn(p.name, p.name);
    await page.reload();
    await expect(training.rollCount().textContent()).resolves.toContain('已到 10 / 12');
    await training.open(server.url, '/figures');
    await training.trainedCount().waitFor();
    expect(await trained(page)).toBe(before + 10);
  });

  it('with signal again everything goes up without anyone pressing anything', async () => {
    await context.setOffline(false);
    await sync.open(server.url);
    await sync.waitUntilAllSynced(60_000);
  });

  it("the coordinator's phone knows only what the server sent it: the same figure", async () => {
    coordinatorPhone = await launchPhone();
    const coordinatorLogin = new LoginPage(coordinatorPhone.page);
    await coordinatorLogin.open(server.url);
    await coordinatorLogin.logIn('coordinator', 'demo-2026');
    await coordinatorLogin.finishDownload();
    const coordinatorTraining = new TrainingPage(coordinatorPhone.page);
    await coordinatorTraining.open(server.url, '/figures');
    await expect(coordinatorTraining.trainedCount().textContent()).resolves.toBe(
      `${year} 年已培训 ${before + 10} 人`,
    );
  });
});
