/**
 * A county user's phone (REGION=3301, docs/REGIONS.md "Per-county gazetteer"): it fetches the
 * prefecture's names and counts and its own county's villages, never the prefecture file, and the
 * coverage screen shows the same figures as a phone holding the whole prefecture — every county's
 * denominator — while its gap list names only its own county's villages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, configure, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeServicePointStatus, saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import { CoverageScreen } from '../features/map/MapScreen';
import { freshDatabase } from '../test-support/database';
import { forgetRegions, setRegionsScope } from './index';

configure({ asyncUtilTimeout: 10_000 });

let asked: string[] = [];

beforeEach(() => {
  freshDatabase('county-user');
  forgetRegions();
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const name = url.replace(/^\/regions\//, '');
    return new Response(readFileSync(join(process.cwd(), 'public/regions', name), 'utf8'), {
      status: 200,
    });
  });
});

afterEach(() => {
  cleanup();
  forgetRegions();
  vi.unstubAllGlobals();
});

describe("a county officer's coverage screen", () => {
  it("counts every county's villages from the names file and lists only its own gaps", async () => {
    setRegionsScope({ code: '330127100' }); // 淳安县 千岛湖镇
    await act(async () => {
      const { id } = await saveRecord('servicePoint', null, {
        ...newServicePointFields('2026-03-01'),
        regionCode: '330127100219', // 富城村
        name: '富城村服务点',
      });
      await changeServicePointStatus(id, 'approved', '2026-03-02');
      await changeServicePointStatus(id, 'open', '2026-03-03');
    });
    render(<CoverageScreen />);

    // The prefecture's and every county's denominators, as with the whole file.
    expect(await screen.findByText(/杭州市共有 1,906 个行政村，其中 1 个/)).toBeTruthy();
    const list = await screen.findByRole('region', { name: '各区县覆盖情况' });
    const linping = list.querySelector('[data-county="330113"]') as HTMLElement;
    expect(within(linping).getByText('0 / 57')).toBeTruthy();
    const chunan = list.querySelector('[data-county="330127"]') as HTMLElement;
    expect(within(chunan).getByText('1 / 337')).toBeTruthy();

    // The gaps: its own county's villages only (336 of 337), none of another county's.
    const gaps = await screen.findByTestId('gap-list');
    const townships = [...gaps.querySelectorAll('[data-township]')].map((el) =>
      el.getAttribute('data-township'),
    );
    expect(townships.length).toBeGreaterThan(0);
    expect(townships.every((code) => code?.startsWith('330127'))).toBe(true);
    expect(within(gaps).getByText(/336 个行政村/)).toBeTruthy();

    // What the phone fetched: the names and its county, never the prefecture's 135 KB.
    const regionFiles = asked.filter((u) => !u.endsWith('-outlines.json'));
    expect(regionFiles).toEqual(['/regions/3301-names.json', '/regions/330127.json']);
  }, 60_000);
});
