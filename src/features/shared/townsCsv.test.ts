/**
 * The exports go into the yearly assessment spreadsheets. Excel must show the Chinese (a BOM),
 * and a shop name typed as "=HYPERLINK(…)" must stay text rather than run as a formula on the
 * assessor's computer.
 */
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../i18n';
import type { AgriShop } from '../../domain/agriShop';
import { centralTownId, type CentralTown } from '../../domain/centralTown';
import { newId } from '../../domain/common';
import type { FlagshipStore } from '../../domain/flagshipStore';
import { centralTownsToCsv, shopsToCsv } from './townsCsv';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();
const t: Translate = (key, params) => translate('zh-CN', key, params);
const meta = { version: 0, updatedAt: null, updatedBy: null, deleted: false };

describe('towns CSV', () => {
  it('lists central towns with whether each has an open store, BOM first', () => {
    const town: CentralTown = {
      id: centralTownId('330127100'),
      ...meta,
      townshipCode: '330127100',
      designatedYear: 2013,
      active: true,
    };
    const store: FlagshipStore = {
      id: newId(),
      ...meta,
      townshipCode: '330127100',
      platform: 'taobao',
      storeName: '千岛湖鱼店',
      url: null,
      openedOn: '2015-01-01',
      status: 'open',
      mainProducts: '',
      operator: '',
      monthlyFigures: [],
    };
    const csv = centralTownsToCsv([town], [store], [], 2015, regions, t);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('区县,乡镇,乡镇代码,认定年份,有旗舰店,旗舰店,本年试点状态');
    expect(lines[1]).toBe('淳安县,千岛湖镇,330127100,2013,是,千岛湖鱼店,');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const shop: AgriShop = {
      id: newId(),
      ...meta,
      name: '=HYPERLINK("http://evil.example","点我")',
      platform: 'other',
      url: null,
      regionCode: '330127100219',
      products: '+茶叶',
      onServicePlatform: false,
      joinedOn: null,
    };
    const csv = shopsToCsv([shop], regions, (p) => p, t);
    const row = csv.slice(1).split('\r\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(row).toContain(",'+茶叶,");
  });
});
