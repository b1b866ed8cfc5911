/** Page model of the yearly assessment report (/assessment/report/:areaCode/:year). */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export class ReportPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, areaCode: string, year: number) {
    await this.page.goto(`${baseUrl}/assessment/report/${areaCode}/${year}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  heading(name: string) {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  area() {
    return this.page.getByLabel('考核区域', { exact: true });
  }

  year() {
    return this.page.getByLabel('考核年度', { exact: true });
  }

  /** The texts of one metric's row: name, actual, target, share, pace, rank. */
  async metricCells(metric: string): Promise<string[]> {
    const row = this.page.locator(`[data-testid="report-metrics"] tr[data-metric="${metric}"]`);
    await row.waitFor();
    return row.locator('th, td').allTextContents();
  }

  /** One list of the report: 'pilots', 'stores', 'sessions', 'counties' (the prefecture's ranking)… */
  section(name: string) {
    return this.page.getByTestId(`report-${name}`);
  }

  meta() {
    return this.page.getByLabel('考核表信息');
  }

  printButton() {
    return this.page.getByRole('button', { name: '打印 / 保存为 PDF' });
  }

  /** Presses a download button and returns the file's name and bytes. */
  async download(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  }

  workbookButton() {
    return this.page.getByRole('button', { name: '下载 Excel 工作簿' });
  }

  exportAllButton() {
    return this.page.getByRole('button', { name: '导出全部数据（.zip）' });
  }
}
