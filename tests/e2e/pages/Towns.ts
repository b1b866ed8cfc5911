/** Page model of the central towns screens (/towns/*): overview, list, town, store, pilot, shops, and their way to the targets grid. */
import type { Page } from 'playwright-core';

export class TownsPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, path = '') {
    await this.page.goto(`${baseUrl}/towns${path}`);
    await this.page.getByRole('heading', { name: '中心镇与试点', level: 1 }).waitFor();
  }

  nav(name: string) {
    return this.page.getByRole('navigation', { name: '中心镇与试点的页面' }).getByRole('link', {
      name,
    });
  }

  /**
   * An admin sets one target for a year and a county (or '全市') in the targets grid
   * (/assessment/targets, one metric at a time on a phone), reached from 年度目标.
   */
  async setTarget(year: number, area: string, metric: string, value: number) {
    await this.nav('年度目标').click();
    await this.page.getByRole('heading', { name: '考核', level: 1 }).waitFor();
    await this.chooseYear(year);
    await this.page.getByLabel('指标', { exact: true }).selectOption({ label: metric });
    await this.page.getByLabel(`${area}的“${metric}”目标`, { exact: true }).fill(String(value));
    await this.page.getByRole('button', { name: '保存', exact: true }).click();
    await this.page.getByText(/已保存 \d+ 项目标/).waitFor();
  }

  /** The year select of the overview and of the targets grid. */
  async chooseYear(year: number) {
    await this.page.getByLabel('年度', { exact: true }).selectOption(String(year));
  }

  async markCentral(county: string, town: string) {
    await this.page.getByLabel('区县', { exact: true }).selectOption({ label: county });
    await this.page.getByRole('button', { name: `把${town}设为中心镇` }).click();
    await this.page.getByRole('button', { name: `取消${town}的中心镇` }).waitFor();
  }

  countyPilots(countyCode: string) {
    return this.page.getByTestId(`pilots-${countyCode}`);
  }

  townsWithoutStore() {
    return this.page.getByRole('region', { name: '还没有旗舰店的中心镇' });
  }

  async openTown(name: string) {
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await this.page.getByRole('heading', { name, level: 2 }).waitFor();
  }

  async addStore(store: { name: string; url: string; openedOn: string }) {
    await this.page.getByRole('link', { name: '新增旗舰店' }).click();
    await this.page.getByRole('heading', { name: '新增旗舰店', level: 2 }).waitFor();
    await this.page.getByLabel('平台', { exact: true }).selectOption({ label: '特色浙江馆' });
    await this.page.getByLabel('店铺名称', { exact: true }).fill(store.name);
    await this.page.getByLabel('店铺网址', { exact: true }).fill(store.url);
    await this.page.getByLabel('状态', { exact: true }).selectOption({ label: '已开通' });
    await this.page.getByLabel('开通日期', { exact: true }).fill(store.openedOn);
    await this.page.getByLabel('主营产品', { exact: true }).fill('有机鱼、茶叶');
    await this.page.getByRole('button', { name: '保存' }).click();
    await this.page.getByRole('heading', { name: store.name, level: 2 }).waitFor();
  }

  async addPilot(year: number) {
    await this.page.getByLabel('试点年份', { exact: true }).selectOption(String(year));
    await this.page.getByRole('button', { name: '新增试点' }).click();
    await this.page.getByTestId('pilot-status').waitFor();
  }

  async movePilot(to: string) {
    await this.page.getByLabel('新状态', { exact: true }).selectOption({ label: to });
    await this.page.getByRole('button', { name: '确认' }).click();
    await this.page.getByTestId('pilot-status').filter({ hasText: to }).waitFor();
  }

  pilotStatus() {
    return this.page.getByTestId('pilot-status');
  }

  syncState() {
    return this.page.getByTestId('sync-state');
  }
}
