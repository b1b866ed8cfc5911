/**
 * The central-town programme on a 360-px phone with no signal: an admin sets this year's pilot
 * target for 淳安县 and puts 千岛湖镇 on the central-town list; a coordinator records the town's
 * flagship store and moves its pilot through to accepted (验收), registers an agricultural shop,
 * and after a reload — still offline — the overview answers the admin's question: no central town
 * is left without a store, and 淳安县 has 1 of its 2 pilots this year.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchPhone,
  screenshotDir,
  startServer,
  type Browser,
  type RunningServer,
} from './harness';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/Login';
import { SyncPanel } from './pages/SyncPanel';
import { TownsPage } from './pages/Towns';
import { storySteps } from './steps';

let server: RunningServer;
let phone: Browser;
let coordinatorPhone: Browser | undefined;
let adminPhone: Browser | undefined;

beforeAll(async () => {
  server = await startServer();
  phone = await launchPhone();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await adminPhone?.close();
  await coordinatorPhone?.close();
  await phone?.close();
  await server?.stop();
});

/** A 360-px wide screenshot of the whole screen (the tab bar stays at the bottom). */
async function shot(name: string) {
  await screenshotWholeScreen(phone.page, name);
}

/**
 * The whole screen at 360 px, saved as docs/screenshots/towns-NAME-360.png: the viewport is made
 * as tall as the page (a full-page capture would paint the fixed tab bar over the middle of it),
 * then put back. Nothing may stick out sideways: a page that scrolls sideways on a phone hides
 * its edge.
 */
async function screenshotWholeScreen(page: Page, name: string) {
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 30)}"`)
      .slice(0, 5),
  );
  expect(wide, `${name} is wider than 360 px`).toEqual([]);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 360, height: Math.min(Math.max(height, 740), 4000) });
  await page.screenshot({ path: join(screenshotDir, `towns-${name}-360.png`) });
  await page.setViewportSize({ width: 360, height: 740 });
}

const CHUNAN = '330127';
const YEAR = new Date().getFullYear();
const STORE = '千岛湖特产旗舰店';

describe('central towns offline', () => {
  // One story, in steps that share the phone (storySteps: the first failure stops the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let shell: AppShell;
  let towns: TownsPage;

  beforeAll(() => {
    ({ page, context } = phone);
    shell = new AppShell(page);
    towns = new TownsPage(page);
  });

  it('installs on a first visit online, then goes out of signal', async () => {
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    // The one-time install hint would cover half of every screenshot.
    await shell.dismissInstallHint();
    await context.setOffline(true);
  });

  it("the admin sets this year's pilot target for 淳安县 and puts 千岛湖镇 on the central-town list", async () => {
    // The admin's part: this year's target for the county, and the central-town list.
    await towns.open(server.url);
    await towns.setTarget(YEAR, '淳安县', '当年验收的中心镇试点', 2);
    await shot('targets');
    await towns.open(server.url, '/central');
    await towns.markCentral('淳安县', '千岛湖镇');
    await shot('central');
  });

  it('the overview: 千岛湖镇 has no store yet and 淳安县 no accepted pilot', async () => {
    // The overview: 千岛湖镇 has no store yet and 淳安县 no accepted pilot.
    await towns.nav('总览').click();
    await towns
      .townsWithoutStore()
      .getByRole('link', { name: /千岛湖镇/ })
      .waitFor();
    await expect(towns.countyPilots(CHUNAN).textContent()).resolves.toContain('0 / 2');
  });

  it("the coordinator records the town's flagship store; its link opens safely in a new tab", async () => {
    // The coordinator records the town's flagship store.
    await towns
      .townsWithoutStore()
      .getByRole('link', { name: /千岛湖镇/ })
      .click();
    await page.getByRole('heading', { name: '千岛湖镇', level: 2 }).waitFor();
    await towns.addStore({
      name: STORE,
      url: 'https://qdh.example.com/shop',
      openedOn: '2015-06-01',
    });
    const link = page.getByRole('link', { name: 'https://qdh.example.com/shop' });
    await expect(link.getAttribute('rel')).resolves.toContain('noopener');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(towns.syncState().textContent()).resolves.toContain('待同步');
    await shot('store');
  });

  it("moves this year's pilot through to accepted, ticking a milestone on the way", async () => {
    // …and moves this year's pilot through to accepted, ticking a milestone on the way.
    await page.getByRole('link', { name: '千岛湖镇' }).first().click();
    await page.getByRole('heading', { name: '千岛湖镇', level: 2 }).waitFor();
    await towns.addPilot(YEAR);
    await towns.movePilot('已批准');
    await towns.movePilot('实施中');
    // The tick is saved as a change to the record; the box follows the stored row.
    const milestone = page.getByRole('checkbox', { name: /制定试点方案/ });
    await milestone.click();
    await expect.poll(() => milestone.isChecked()).toBe(true);
    await towns.movePilot('验收通过');
    await page.getByText('试点已结束，状态不能再改。').waitFor();
    await shot('pilot');
  });

  it('brings an agricultural shop onto the platform', async () => {
    // An agricultural shop brought onto the platform.
    await towns.open(server.url, '/shops/new');
    await page.getByLabel('网店名称', { exact: true }).fill('富城村土蜂蜜小店');
    await page.getByLabel('区县', { exact: true }).selectOption({ label: '淳安县' });
    await page.getByLabel('乡镇（街道）', { exact: true }).selectOption({ label: '千岛湖镇' });
    await page.getByLabel('村（社区，可不选）', { exact: true }).selectOption({ label: '富城村' });
    await page.getByLabel('产品', { exact: true }).fill('土蜂蜜');
    await page.getByLabel('已接入农村电子商务公共服务平台', { exact: true }).check();
    await page.getByLabel('接入日期', { exact: true }).fill(`${YEAR}-03-01`);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('link', { name: '富城村土蜂蜜小店' }).waitFor();
    await shot('shops');
  });

  it('closed and reopened with no network, the figures come from what was stored on the phone', async () => {
    // Close and reopen with no network: the figures come from what was stored on the phone.
    await towns.open(server.url);
    await page.reload();
    await towns.countyPilots(CHUNAN).waitFor();
    await expect(towns.countyPilots(CHUNAN).textContent()).resolves.toContain('1 / 2');
    await towns.townsWithoutStore().getByText('所有中心镇都已开设旗舰店。').waitFor();
    await expect(page.getByTestId('figure-stores').textContent()).resolves.toContain('1 / 1');
    await expect(page.getByTestId('figure-shops').textContent()).resolves.toContain('1');
    // The whole answer (stores and every county's pilots) in one image.
    await shot('overview');
  });

  it('the town page keeps the whole story', async () => {
    // The town page keeps the whole story, and the dashboard counts the same records.
    await towns.open(server.url, '/town/330127100');
    await page.getByRole('heading', { name: '千岛湖镇', level: 2 }).waitFor();
    await page.getByRole('link', { name: STORE }).waitFor();
    await expect(page.getByTestId('town-county-pilots').textContent()).resolves.toContain(
      '验收 1 / 目标 2',
    );
    await shot('town');
  });

  it('概览 counts the same records, for the prefecture (nobody is signed in)', async () => {
    // Nobody is signed in on this phone: 概览 measures the prefecture, which has no pilot or
    // store target of its own this year (the 2 is 淳安县's).
    await shell.open(server.url, '/');
    const pilots = page.getByTestId('board-pilotsAccepted');
    await expect(pilots.getByTestId('board-value').textContent()).resolves.toBe('1');
    await expect(pilots.textContent()).resolves.toContain('未设目标');
    await expect(
      page.getByTestId('board-centralTownsWithStore').getByTestId('board-value').textContent(),
    ).resolves.toBe('1');
    await shot('dashboard');
  });
});

/**
 * The same with the real sync engine: the demo county coordinator (淳安县) downloads the county,
 * loses the signal, records 汾口镇's store and accepts 千岛湖镇's 2026 pilot, reloads, and when the
 * signal is back the changes go up by themselves; the city admin's phone then downloads the
 * prefecture and sees the county's figures updated. (The demo data's year is 2026.)
 */
describe('central towns, then online', () => {
  // One story, in steps that share the coordinator's phone (storySteps: the first failure stops
  // the story).
  storySteps();
  let page: Page;
  let context: BrowserContext;
  let towns: TownsPage;

  it("the coordinator's phone installs, logs in and downloads the county", async () => {
    coordinatorPhone = await launchPhone();
    ({ page, context } = coordinatorPhone);
    towns = new TownsPage(page);
    const shell = new AppShell(page);
    const login = new LoginPage(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await login.open(server.url);
    await login.logIn('coordinator', 'demo-2026');
    await login.finishDownload();
  });

  it("out of signal, 2026's overview: 汾口镇 has no store and 淳安县 no accepted pilot", async () => {
    await context.setOffline(true);
    await towns.open(server.url);
    await towns.chooseYear(2026);
    await towns
      .townsWithoutStore()
      .getByRole('link', { name: /汾口镇/ })
      .waitFor();
    await expect(towns.countyPilots(CHUNAN).textContent()).resolves.toContain('0 / 2');
  });

  it("records 汾口镇's store and accepts 千岛湖镇's 2026 pilot", async () => {
    await towns
      .townsWithoutStore()
      .getByRole('link', { name: /汾口镇/ })
      .click();
    await page.getByRole('heading', { name: '汾口镇', level: 2 }).waitFor();
    await towns.addStore({
      name: '汾口高山茶旗舰店',
      url: 'https://fk.example.com/',
      openedOn: '2026-04-01',
    });
    await towns.open(server.url, '/town/330127100');
    await page.getByRole('link', { name: /千岛湖镇 2026 年试点/ }).click();
    await towns.movePilot('验收通过');
  });

  it('after a reload the figures follow: 1 of 2 pilots, every central town with a store', async () => {
    await page.reload();
    await towns.pilotStatus().filter({ hasText: '验收通过' }).waitFor();
    await towns.open(server.url);
    await towns.chooseYear(2026);
    await expect(towns.countyPilots(CHUNAN).textContent()).resolves.toContain('1 / 2');
    await towns.townsWithoutStore().getByText('所有中心镇都已开设旗舰店。').waitFor();
  });

  it('with signal again the sync engine uploads without anyone pressing anything', async () => {
    const sync = new SyncPanel(page);
    await context.setOffline(false);
    await sync.open(server.url);
    await sync.waitUntilAllSynced();
  });

  it("the city admin's phone downloads the prefecture and sees 淳安县's figures updated", async () => {
    adminPhone = await launchPhone();
    const adminLogin = new LoginPage(adminPhone.page);
    await adminLogin.open(server.url);
    await adminLogin.logIn('admin', 'demo-2026');
    await adminLogin.finishDownload();
    const adminTowns = new TownsPage(adminPhone.page);
    await adminTowns.open(server.url);
    await adminTowns.chooseYear(2026);
    await expect(adminTowns.countyPilots(CHUNAN).textContent()).resolves.toContain('1 / 2');
    await adminTowns.townsWithoutStore().getByText('所有中心镇都已开设旗舰店。').waitFor();
    await screenshotWholeScreen(adminPhone.page, 'admin-synced');
  });
});

/**
 * Every towns screen on a 360-px phone, as a field user meets it: first on a phone with nothing on
 * it yet (empty states, a record that is not there, a store in a town off the central-town list),
 * then as the demo county coordinator (only 淳安县 offered, a town elsewhere explained, a store's
 * history from the server, English). Each screen is saved as docs/screenshots/towns-*-360.png to
 * be looked at.
 */
describe('every towns screen at 360 px', () => {
  let pass: Browser | undefined;
  afterAll(async () => {
    await pass?.close();
  });

  const passShot = (name: string) => screenshotWholeScreen(pass!.page, name);

  it('empty phone: empty states, a missing record, a store off the central-town list', async () => {
    pass = await launchPhone();
    const { page, context } = pass;
    const shell = new AppShell(page);
    const towns = new TownsPage(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await shell.dismissInstallHint();
    await context.setOffline(true);

    await towns.open(server.url);
    await towns.townsWithoutStore().waitFor();
    // No list yet: said in words (not "0 / 0"), with the way to start, and no empty search.
    await expect(page.getByTestId('figure-stores').textContent()).resolves.toContain(
      '还没有中心镇名单',
    );
    await page.getByRole('link', { name: '标出中心镇' }).waitFor();
    await expect(page.getByRole('searchbox').count()).resolves.toBe(0);
    await passShot('overview-empty');

    await towns.nav('农业网店').click();
    await page.getByRole('heading', { name: '还没有登记农业网店' }).waitFor();
    await passShot('shops-empty');

    await towns.open(server.url, '/town/330127108');
    await page.getByRole('heading', { name: '汾口镇', level: 2 }).waitFor();
    await passShot('town-empty');

    await page.getByRole('link', { name: '新增旗舰店' }).click();
    await page.getByTestId('store-off-list').waitFor();
    await page.getByLabel('店铺名称', { exact: true }).fill('汾口高山茶店');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '仍要保存' }).waitFor();
    await passShot('store-offlist-confirm');
    await page.getByRole('button', { name: '仍要保存' }).click();
    await page.getByRole('heading', { name: '汾口高山茶店', level: 2 }).waitFor();
    await page.getByTestId('store-off-list').waitFor();
    await passShot('store-offlist');

    await towns.open(server.url);
    await page.getByRole('region', { name: '不在中心镇名单上的旗舰店' }).waitFor();
    await passShot('overview-offlist');

    await towns.open(server.url, '/store/no-such-store');
    await page.getByRole('heading', { name: '找不到这条记录' }).waitFor();
    await passShot('notfound');
  });

  it('the demo coordinator: own county only, a town elsewhere, history, English', async () => {
    await pass?.close();
    pass = await launchPhone();
    const { page } = pass;
    const shell = new AppShell(page);
    const towns = new TownsPage(page);
    const login = new LoginPage(page);
    await shell.open(server.url);
    await shell.waitForServiceWorker();
    await shell.dismissInstallHint();
    await login.open(server.url);
    await login.logIn('coordinator', 'demo-2026');
    await login.finishDownload();

    await towns.open(server.url);
    await page.getByRole('heading', { name: /完成情况 · 淳安县/ }).waitFor();
    // One county in the area: no county to choose.
    await expect(page.getByLabel('区县', { exact: true }).count()).resolves.toBe(0);
    await passShot('overview-coordinator');

    await towns.open(server.url, '/town/330127100');
    await page.getByRole('heading', { name: '千岛湖镇', level: 2 }).waitFor();
    await passShot('town-coordinator');

    await page.getByRole('link', { name: /千岛湖有机鱼旗舰店/ }).click();
    await page.getByTestId('store-status').waitFor();
    await page.getByRole('button', { name: '查看修改记录' }).click();
    await page.getByText(/新建/).first().waitFor();
    await passShot('store-history');

    await towns.open(server.url, '/town/330127100');
    await page.getByRole('link', { name: /千岛湖镇 2026 年试点/ }).click();
    await towns.pilotStatus().waitFor();
    await passShot('pilot-coordinator');

    await towns.open(server.url, '/shops');
    await page.getByTestId('shops-progress').waitFor();
    await passShot('shops-coordinator');

    await towns.open(server.url, '/shops/new');
    await page.getByLabel('网店名称', { exact: true }).waitFor();
    await expect(
      page.getByLabel('区县', { exact: true }).locator('option').allTextContents(),
    ).resolves.toEqual(['请选择', '淳安县']);
    await passShot('shop-form-scoped');

    await towns.open(server.url, '/town/330182001');
    await page.getByTestId('town-outside-scope').waitFor();
    // Nothing about a town whose records are not on the phone is shown as a zero.
    await expect(page.getByTestId('town-coverage').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '新增旗舰店' }).count()).resolves.toBe(0);
    await passShot('town-outside');

    await towns.open(server.url, '/central');
    await passShot('central-readonly');

    // The old address of the targets leads to the grid; a coordinator reads them as figures,
    // not as boxes that look editable.
    await page.goto(`${server.url}/towns/targets`);
    await page.getByTestId('target-values').waitFor();
    await expect(page.getByTestId('target-values').textContent()).resolves.toContain('1,500');
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await passShot('targets-readonly');
    await towns.open(server.url);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Central towns and pilots', level: 1 }).waitFor();
    await page.goto(`${server.url}/towns`);
    await page.getByRole('heading', { name: /Progress in/ }).waitFor();
    await passShot('overview-en');
    // The longer English words on the busiest pages: still nothing sideways.
    await page.goto(`${server.url}/towns/town/330127100`);
    await page.getByRole('heading', { name: '千岛湖镇', level: 2 }).waitFor();
    await passShot('town-en');
    await page.getByRole('link', { name: /千岛湖有机鱼旗舰店/ }).click();
    await page.getByRole('heading', { name: 'Change history' }).waitFor();
    await passShot('store-en');
  });
});
