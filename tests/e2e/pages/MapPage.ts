/** Page model of the coverage map screen (/map), built from roles, labels and test ids. */
import type { Page } from 'playwright-core';

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
}
