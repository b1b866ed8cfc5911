/**
 * Page model of the coverage map screen (/map), built from roles, labels and test ids. Its waits
 * are on the page's own state — a marker that has stopped moving, a popup fully faded in, tiles
 * that have all arrived — never on a guessed number of milliseconds.
 */
import type { Locator, Page } from 'playwright-core';

export class MapPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/map`);
    await this.page.getByRole('heading', { name: '地图', level: 1 }).waitFor();
    await this.mapBlock().waitFor();
  }

  mapBlock() {
    return this.page.getByTestId('map-block');
  }

  /** County outlines drawn by Leaflet (SVG paths). */
  countyOutlines() {
    return this.page.locator('path.map-county');
  }

  county(code: string) {
    return this.page.locator(`path.map-county-${code}`);
  }

  /** Cluster and point markers. */
  markers() {
    return this.page.locator('.leaflet-marker-pane .map-marker');
  }

  clusters() {
    return this.page.locator('.leaflet-marker-pane .map-marker--cluster');
  }

  pointMarker(name: string) {
    return this.page.locator(
      `.leaflet-marker-pane .map-marker--point[title="${name.replace(/"/g, '\\"')}"]`,
    );
  }

  /** The ring drawn around the point the map was opened on (/map?point=<id>). */
  focusRing() {
    return this.page.locator('path.map-focus-ring');
  }

  /** The scale bar's text ("50 m", "20 km"): how close the map is. */
  scale() {
    return this.page.locator('.leaflet-control-scale-line');
  }

  popup() {
    return this.page.locator('.leaflet-popup-content');
  }

  summary() {
    return this.page.getByTestId('map-summary');
  }

  legendReadout() {
    return this.page.getByTestId('map-legend-readout');
  }

  tileNotice() {
    return this.page.getByTestId('map-tile-notice');
  }

  tileExplained() {
    return this.page.getByTestId('map-tile-explained');
  }

  countyList() {
    return this.page.getByRole('region', { name: '各区县覆盖情况' });
  }

  countyRow(code: string) {
    return this.countyList().locator(`[data-county="${code}"]`);
  }

  gapList() {
    return this.page.getByTestId('gap-list');
  }

  gapTownship(code: string) {
    return this.gapList().locator(`[data-township="${code}"]`);
  }

  async chooseArea(label: string) {
    await this.page.getByLabel('范围').selectOption({ label });
  }

  async chooseBaseMap(name: string | RegExp) {
    await this.page.getByRole('button', { name: '图层' }).click();
    await this.page.getByRole('radio', { name }).check();
    await this.page.getByRole('button', { name: '图层' }).click();
  }

  async exportCsv() {
    const download = this.page.waitForEvent('download');
    await this.gapList().getByRole('button', { name: '导出 CSV' }).click();
    return download;
  }

  async toggleFullScreen() {
    await this.page.getByRole('button', { name: /^(全屏|退出全屏)$/ }).click();
  }

  /** The map's drawing area (Leaflet's container). */
  canvas() {
    return this.mapBlock().locator('.map-canvas');
  }

  /**
   * Waits until `target` has kept the same box for five animation frames in a row: a fly-to, a
   * pan or a resize has ended. Counted in the page's frames, so a slow machine just takes longer.
   */
  async untilStill(target: Locator) {
    await target.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          let last = '';
          let same = 0;
          const step = () => {
            const r = el.getBoundingClientRect();
            const box = `${r.x},${r.y},${r.width},${r.height}`;
            same = box === last ? same + 1 : 0;
            last = box;
            if (same >= 5) resolve();
            else requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
    );
  }

  /** Waits until the open popup has faded in completely (what a screenshot should show). */
  async untilPopupShown() {
    await this.page.waitForFunction(() => {
      const popup = document.querySelector('.leaflet-popup');
      return popup !== null && getComputedStyle(popup).opacity === '1';
    });
  }

  /**
   * Waits until every base-map tile on screen has arrived. Leaflet marks a tile
   * `leaflet-tile-loaded` only when its image loaded — a failed tile never gets the mark — so
   * this both waits for the tiles and proves none of them failed.
   */
  async untilTilesLoaded() {
    await this.page.waitForFunction(() => {
      const tiles = [...document.querySelectorAll('.leaflet-tile-pane img.leaflet-tile')];
      return tiles.length > 0 && tiles.every((t) => t.classList.contains('leaflet-tile-loaded'));
    });
  }
}
