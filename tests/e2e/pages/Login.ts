/** Page model of the login screen (/login): credentials, then the first download of the area. */
import type { Page } from 'playwright-core';

export class LoginPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/login`);
    await this.heading().waitFor();
  }

  /** The sign-in screen's title: the screen is showing. */
  heading() {
    return this.page.getByRole('heading', { name: '登录', level: 1 });
  }

  async logIn(username: string, password: string) {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
  }

  error() {
    return this.page.getByRole('alert');
  }

  downloadProgress() {
    return this.page.getByRole('progressbar', { name: '下载进度' });
  }

  /** Waits for "下载完成" and goes on to the app. */
  async finishDownload() {
    await this.page.getByText('下载完成，可以离线使用了。').waitFor({ timeout: 60_000 });
    await this.page.getByRole('button', { name: '开始使用' }).click();
  }
}
