/** Page model of the shell: navigation, network indicator, language. Built from roles and labels. */
import type { Page } from 'playwright-core';

export class AppShell {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, path = '/') {
    await this.page.goto(`${baseUrl}${path}`);
    await this.nav().waitFor();
  }

  nav() {
    return this.page.getByRole('navigation').first();
  }

  /**
   * Dismisses the one-time install hint for good, as its close button does (it now waits behind
   * the status line's more important notices, such as 尚未登录, so a new user's screen has no
   * close button to tap): the same saved choice, then a reload so the shell reads it.
   */
  async dismissInstallHint() {
    await this.page.evaluate(() =>
      localStorage.setItem('cundian.installHintDismissed', new Date().toISOString()),
    );
    await this.page.reload();
    await this.nav().waitFor();
  }

  /** The status line at the foot of the screen (尚未登录, install, 登录已过期…), one notice at a time. */
  statusLine() {
    return this.page.getByRole('region', { name: '提示' });
  }

  tab(name: string | RegExp) {
    return this.nav().getByRole('link', { name });
  }

  networkStatus() {
    return this.page
      .getByRole('status')
      .filter({ hasText: /在线|离线|Online|Offline/ })
      .first();
  }

  /** Waits until the service worker controls this page (clientsClaim on first install). */
  async waitForServiceWorker() {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
      timeout: 30_000,
    });
  }

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { name, level: 1 });
  }
}
