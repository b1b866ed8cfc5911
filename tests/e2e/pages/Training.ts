/**
 * Page model of the training screens: sessions (with the list's 移出 and 删除培训班), the roster
 * import, the roll call and the figures.
 */
import type { Page } from 'playwright-core';

export class TrainingPage {
  constructor(readonly page: Page) {}

  /** `path` below /training: '' (the tab's own address, redirected to the sessions), '/figures'… */
  async open(baseUrl: string, path = '') {
    await this.page.goto(`${baseUrl}/training${path}`);
  }

  /** The path of the current page, e.g. /training/sessions/…/roll-call. */
  path() {
    return new URL(this.page.url()).pathname;
  }

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  async createSession(fields: {
    title: string;
    county: string;
    township: string;
    trainer: string;
    hours: string;
  }) {
    await this.page.getByRole('link', { name: '新建培训班' }).click();
    await this.heading('新建培训班').waitFor();
    await this.page.getByLabel('培训名称').fill(fields.title);
    await this.page.getByLabel('区县').selectOption({ label: fields.county });
    await this.page.getByLabel('乡镇（街道）').selectOption({ label: fields.township });
    await this.page.getByLabel('培训师').fill(fields.trainer);
    await this.page.getByLabel('学时').fill(fields.hours);
    await this.page.getByRole('button', { name: '保存' }).click();
    await this.heading(fields.title).waitFor();
  }

  async importList(file: string) {
    await this.page.getByRole('link', { name: '导入名单' }).click();
    await this.heading('导入名单').waitFor();
    await this.page.locator('input[type=file]').setInputFiles(file);
  }

  rollCount() {
    return this.page.getByTestId('roll-count');
  }

  search() {
    return this.page.getByRole('searchbox', { name: '姓名或手机尾号' });
  }

  /** Types what a trainer would type at the door and taps the person. */
  async checkIn(typed: string, name: string) {
    await this.search().fill(typed);
    await this.page.getByRole('button', { name: `签到 ${name}` }).click();
    await this.page.getByText(`${name} 已签到`).waitFor();
  }

  async markLate(typed: string, name: string) {
    await this.search().fill(typed);
    await this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: `签到 ${name}` }) })
      .getByRole('button', { name: '迟到' })
      .click();
    await this.page.getByText(`${name} · 迟到`).waitFor();
  }

  /**
   * Registers a walk-in. The village is typed and, when it is the only match, taken with Enter
   * (which must not submit the walk-in form half-filled); otherwise tapped in the list.
   */
  async walkIn(name: string, villageTyped: string, village: RegExp, phone: string) {
    await this.page.getByRole('button', { name: '现场登记' }).click();
    await this.page.getByLabel('姓名', { exact: true }).fill(name);
    const villageBox = this.page.getByRole('searchbox', { name: '村（社区）', exact: true });
    await villageBox.fill(villageTyped);
    const options = this.page.getByRole('list', { name: '查找结果' }).getByRole('button');
    await options.first().waitFor();
    if ((await options.count()) === 1) await villageBox.press('Enter');
    else await options.filter({ hasText: village }).first().click();
    await this.page.getByTestId('village-chosen').filter({ hasText: village }).waitFor();
    await this.page.getByLabel('手机号', { exact: true }).fill(phone);
    await this.page.getByRole('button', { name: '登记并签到' }).click();
    await this.page.getByText(`${name} 已签到`).waitFor();
  }

  /**
   * For each roll-call row on screen: whether the village and the phone share one line, and the
   * phone as shown.
   */
  rowLines() {
    return this.page.locator('.roll-row__meta').evaluateAll((metas) =>
      metas.map((meta) => {
        const village = meta.querySelector('.roll-row__village')?.getBoundingClientRect();
        const phone = meta.querySelector('.roll-row__phone');
        const box = phone?.getBoundingClientRect();
        const fontSize = parseFloat(getComputedStyle(meta).fontSize);
        return {
          phone: phone?.textContent ?? '',
          oneLine:
            !!box &&
            box.height < fontSize * 1.8 &&
            (!village || Math.abs(village.top - box.top) < 2),
        };
      }),
    );
  }

  /** Taps 移出 on a person of the session's list; the confirmation opens in the row. */
  async askToRemove(name: string) {
    await this.page.getByRole('button', { name: `把 ${name} 移出名单` }).click();
    const question = this.page.getByText(`把${name}移出这次培训的名单？`);
    await question.waitFor();
    return question;
  }

  async confirmRemove() {
    await this.page.getByRole('button', { name: '移出名单', exact: true }).click();
  }

  async askToDeleteSession() {
    await this.page.getByRole('button', { name: '删除培训班' }).click();
    const consequence = this.page.getByTestId('session-delete-consequence');
    await consequence.waitFor();
    return consequence;
  }

  async confirmDeleteSession() {
    await this.page.getByRole('button', { name: '确认删除' }).click();
  }

  trainedCount() {
    return this.page.getByTestId('trained-count');
  }
}
