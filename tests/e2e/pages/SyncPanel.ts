/** Page model of the sync status (settings → 同步) and the top bar's sync pill. */
import type { Page } from 'playwright-core';

export class SyncPanel {
  constructor(readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/settings`);
    await this.panel().waitFor();
  }

  panel() {
    return this.page.getByTestId('sync-panel');
  }

  /** The pill in the top bar: "上次同步 3分钟前", "2 待同步", "离线", "连不上服务器"… */
  indicator() {
    return this.page.getByTestId('sync-indicator');
  }

  /** The line saying whether the phone's data was checked against the server's, and when. */
  check() {
    return this.page.getByTestId('sync-check');
  }

  async syncNow() {
    await this.panel().getByRole('button', { name: '立即同步' }).click();
  }

  async waitUntilAllSynced(timeout = 30_000) {
    await this.panel().getByText('本机的修改都已同步。').waitFor({ timeout });
  }
}
