/** Page model of the service points screens (list, form, detail). */
import type { Page } from 'playwright-core';

export class ServicePointsPage {
  constructor(readonly page: Page) {}

  async openList(baseUrl: string) {
    await this.page.goto(`${baseUrl}/points`);
    await this.page.getByRole('heading', { name: '服务点', level: 1 }).waitFor();
  }

  /** Opens the import screen and chooses a spreadsheet (CSV) of points for its preview. */
  async chooseImportFile(baseUrl: string, file: string) {
    await this.page.goto(`${baseUrl}/points/import`);
    await this.page.locator('input[type=file]').setInputFiles(file);
  }

  async startNew() {
    await this.page.getByRole('link', { name: '登记服务点' }).click();
    await this.page.getByRole('heading', { name: '登记服务点', level: 1 }).waitFor();
  }

  async choosePlace(county: string, township: string, village: string) {
    await this.page.getByLabel('区县').selectOption({ label: county });
    await this.page.getByLabel('乡镇（街道）').selectOption({ label: township });
    await this.page.getByLabel('村（社区）').selectOption({ label: village });
  }

  /** Types part of a village's name into the place picker's search box. */
  async searchVillage(typed: string) {
    await this.page.getByLabel('按村名查找').fill(typed);
  }

  /** The matches listed under the search box, one button per village. */
  villageMatches() {
    return this.page.getByRole('list', { name: '查找结果' }).getByRole('button');
  }

  /** The selects' current choices, as shown: [county, township, village]. */
  async chosenPlace() {
    const shown = (label: string) =>
      this.page.getByLabel(label).evaluate((el) => {
        const select = el as HTMLSelectElement;
        return select.options[select.selectedIndex]?.text ?? '';
      });
    return [await shown('区县'), await shown('乡镇（街道）'), await shown('村（社区）')];
  }

  async fillName(name: string) {
    await this.page.getByLabel('服务点名称').fill(name);
  }

  async fillPhone(phone: string) {
    await this.page.getByLabel('运营人电话').fill(phone);
  }

  async save() {
    await this.page.getByRole('button', { name: '保存' }).click();
  }

  /**
   * Waits until the open form's draft (kept 300 ms after typing stops) holds `text`, read from
   * the device's database — where the form reads it from after a reload. Polled with
   * `page.evaluate`, which awaits the reading: `waitForFunction` takes any truthy value for "done",
   * and a Promise is one — this wait used to return at once, before the draft was written, so a
   * reload right after it lost the draft.
   */
  async untilDraftHolds(text: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.page.evaluate(draftHolds, text))) {
      if (Date.now() > deadline)
        throw new Error(`no draft holding "${text}" after ${timeoutMs} ms`);
      await this.page.waitForTimeout(50); // the next look, not a wait for the draft itself
    }
  }

  errorSummary() {
    return this.page.getByRole('alert');
  }

  /** One line of the problem summary above the form ("服务点名称：必填"). */
  problemLine(text: string) {
    return this.page.locator('.form__summary').getByText(text, { exact: true });
  }

  /** Whether focus is on the problem summary (where it goes after a refused save). */
  summaryHasFocus() {
    return this.page.evaluate(
      () => document.activeElement?.classList.contains('form__summary') ?? false,
    );
  }

  async captureLocation() {
    await this.page.getByRole('button', { name: /^(获取位置|重新定位)$/ }).click();
  }

  /** The accuracy line while the GPS is watched ("当前精度 ± 38 米"). */
  gpsAccuracy() {
    return this.page.getByTestId('gps-accuracy');
  }

  /** "就用这个位置（± N 米）": takes a fix worse than the threshold, knowingly. */
  acceptWorseButton(metres: number) {
    return this.page.getByRole('button', { name: `就用这个位置（± ${metres} 米）` });
  }

  locationReadout() {
    return this.page.getByTestId('location-readout');
  }

  /** What an edit address of a point not on the phone shows instead of a form. */
  missingHeading() {
    return this.page.getByRole('heading', { name: '找不到这条记录', level: 1 });
  }

  /** What the edit address shows to someone who may not change the point. */
  notAllowedHeading() {
    return this.page.getByRole('heading', { name: '您不能修改这条记录', level: 1 });
  }

  /** Types into the list's search box (a county has many points: find one by name). */
  async search(text: string) {
    await this.page.getByRole('searchbox', { name: '搜索服务点' }).fill(text);
  }

  /** Opens the list, searches for `typed` and opens the point named `name` from the matches. */
  async openFromList(baseUrl: string, typed: string, name: string) {
    await this.openList(baseUrl);
    await this.search(typed);
    await this.listItem(name).click();
  }

  /** On a point's page: the 修改服务点 link, to its form. */
  async startEdit() {
    await this.editLink().click();
  }

  editLink() {
    return this.page.getByRole('link', { name: '修改服务点' });
  }

  async fillNotes(notes: string) {
    await this.page.getByLabel('备注').fill(notes);
  }

  /** On a point's page: moves it on in its lifecycle (筹建中 → 已审批 → 运营中 …). */
  async changeStatus(status: string) {
    await this.page.getByLabel('新状态').selectOption({ label: status });
    await this.page.getByRole('button', { name: '更改状态' }).click();
  }

  /** Chooses a photo file for the point and waits until the form shows it. */
  async attachPhoto(file: string) {
    await this.page.locator('input[type=file][accept="image/*"]').setInputFiles(file);
    await this.photo().waitFor();
  }

  /** The point's photo, on its form or its page. */
  photo() {
    return this.page.getByRole('img', { name: '服务点照片' });
  }

  /** The photo's upload state under it on the point's page ("待上传", "已上传"). */
  photoState() {
    return this.page.locator('.photo__state');
  }

  listItem(name: string) {
    return this.page.getByRole('link', { name: new RegExp(name) });
  }

  syncState() {
    return this.page.getByTestId('sync-state');
  }
}

/** In the page: whether a draft in the device's database holds `wanted` (its value as JSON). */
function draftHolds(wanted: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const open = indexedDB.open('cundian');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(
          all.result.some((d: { value: unknown }) => JSON.stringify(d.value).includes(wanted)),
        );
      };
      all.onerror = () => {
        db.close();
        resolve(false);
      };
    };
  });
}
