/**
 * Page model of 概览's target board and of the notices (the top bar's badge, /notices, the line
 * above the lists). Built from roles, labels and the board's test ids.
 */
import type { Locator, Page } from 'playwright-core';

export class BoardPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/`);
    await this.board().waitFor();
  }

  board() {
    return this.page.getByTestId('board');
  }

  /** The area's name, as the board shows it. */
  areaHeading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 2, name });
  }

  async chooseYear(year: number, label = '年度') {
    await this.page.getByRole('combobox', { name: label }).selectOption(String(year));
  }

  asOf() {
    return this.page.getByTestId('board-as-of');
  }

  row(metric: string) {
    return this.page.getByTestId(`board-${metric}`);
  }

  /** "actual / target", or the actual alone when the area has no target of its own. */
  value(metric: string) {
    return this.row(metric).getByTestId('board-value');
  }

  rows() {
    return this.board().getByRole('listitem');
  }

  /** The top bar's bell, with how many things need the user. */
  badge() {
    return this.page.getByTestId('notices-badge');
  }

  notice(kind: 'refused' | 'conflicts' | 'duplicates' | 'behind'): Locator {
    return this.page.getByTestId(`notice-${kind}`);
  }

  /** Where the tab bar begins: what lies below it is not on the first screen. */
  async foldY(): Promise<number> {
    const box = await this.page
      .getByRole('navigation', { name: /主导航|Main navigation/ })
      .boundingBox();
    return box ? box.y : this.page.viewportSize()!.height;
  }
}
