/** Page model of 考核 (/assessment/*): the county table, a county, the trends, the targets grid. */
import type { Page } from 'playwright-core';

export class AssessmentPage {
  constructor(readonly page: Page) {}

  /** From 更多, the way a user finds it. */
  async openFromMore(baseUrl: string) {
    await this.page.goto(`${baseUrl}/settings`);
    await this.page.getByRole('link', { name: /^考核/ }).click();
    await this.page.getByRole('heading', { name: '考核', level: 1 }).waitFor();
  }

  async open(baseUrl: string, path = '') {
    await this.page.goto(`${baseUrl}/assessment${path}`);
    await this.page.getByRole('heading', { name: '考核', level: 1 }).waitFor();
  }

  nav(name: string) {
    return this.page.getByRole('navigation', { name: '考核的页面' }).getByRole('link', { name });
  }

  async chooseYear(year: number) {
    await this.page.getByLabel('年度', { exact: true }).selectOption(String(year));
  }

  async chooseMetric(name: string) {
    await this.page.getByLabel('指标', { exact: true }).selectOption({ label: name });
  }

  /** A cell of the targets grid, by its area (全市 or a county) and metric. */
  targetCell(area: string, metric: string) {
    return this.page.getByLabel(`${area}的“${metric}”目标`, { exact: true });
  }

  async copyForward(fromYear: number) {
    await this.page.getByRole('button', { name: `从 ${fromYear} 年复制` }).click();
    await this.page.getByText(new RegExp(`已从 ${fromYear} 年复制 \\d+ 项`)).waitFor();
  }

  async saveTargets() {
    await this.page.getByRole('button', { name: '保存', exact: true }).click();
    await this.page.getByText(/已保存 \d+ 项目标/).waitFor();
  }

  table() {
    return this.page.getByTestId('county-table');
  }

  row(code: string) {
    return this.page.getByTestId(`row-${code}`);
  }

  myRank() {
    return this.page.getByTestId('my-rank');
  }

  asOf() {
    return this.page.getByTestId('figures-as-of');
  }
}
