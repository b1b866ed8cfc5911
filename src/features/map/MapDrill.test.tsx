/**
 * A province admin's map (issue 16 part 2), rendered as the screen: it opens on the province with
 * a list of its prefectures, each against its own rural villages; choosing one drills to its
 * counties (its own outline file, its county choice), and the breadcrumb goes back up. A small
 * two-prefecture province served by a stubbed fetch (the app's own loader merges the files), real
 * records in fake-indexeddb.
 */
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeServicePointStatus, saveRecord } from '../../actions';
import { deployment, setDeployment } from '../../domain/deployment';
import { twoPrefectureFiles, twoPrefectureProvince } from '../../test-support/province';
import { serveFiles } from '../../test-support/provinceScreens';
import { newServicePointFields } from '../../domain/servicePoint';
import { forgetOutlines } from '../../map/outlines';
import { forgetRegions, setRegionsScope } from '../../regions';
import { freshDatabase } from '../../test-support/database';
import { outlineFileText } from '../../test-support/regions';
import { CoverageScreen } from './MapScreen';
import { setFilters } from './mapStore';

configure({ asyncUtilTimeout: 10_000 });

const built = deployment();
const province = twoPrefectureProvince(built);

const square = (code: string, name: string, lng: number, lat: number) => ({
  type: 'Feature',
  properties: { code, name, matchedName: name, note: '' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + 0.5, lat],
        [lng + 0.5, lat + 0.5],
        [lng, lat + 0.5],
        [lng, lat],
      ],
    ],
  },
});

const files: Record<string, string> = {
  ...twoPrefectureFiles({ '3301': 4, '3302': 2 }),
  '/regions/3301-outlines.json': outlineFileText(),
  // The province's prefecture outlines (generated for REGION=33): two squares here.
  '/regions/33-outlines.json': JSON.stringify({
    type: 'FeatureCollection',
    features: [square('3301', '杭州市', 119, 29.5), square('3302', '宁波市', 121, 29.5)],
    countiesWithoutOutline: [],
  }),
  '/regions/3302-outlines.json': JSON.stringify({
    type: 'FeatureCollection',
    features: [],
    countiesWithoutOutline: [['330225', '象山县']],
  }),
};
let asked: string[] = [];

beforeEach(() => {
  freshDatabase('map-drill');
  setDeployment(province);
  forgetRegions();
  setRegionsScope(null);
  forgetOutlines();
  asked = serveFiles(files);
});

afterEach(() => {
  cleanup();
  setFilters({ county: '' });
  setDeployment(built);
  forgetRegions();
  forgetOutlines();
  vi.unstubAllGlobals();
});

async function openPoint(regionCode: string) {
  const { id } = await saveRecord('servicePoint', null, {
    ...newServicePointFields('2026-03-01'),
    regionCode,
    name: `服务点 ${regionCode}`,
  });
  await changeServicePointStatus(id, 'approved', '2026-03-02');
  await changeServicePointStatus(id, 'open', '2026-03-03');
}

describe('the map of a province', () => {
  it('lists the prefectures, drills into one, and goes back up by the breadcrumb', async () => {
    await act(async () => {
      await openPoint('330127100200');
      await openPoint('330225100200');
    });
    render(<CoverageScreen />);

    const list = await screen.findByTestId('prefecture-coverage');
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['查看杭州市', '查看宁波市']);
    // Each prefecture against its own villages: 1 of 4 in 杭州市, 1 of 2 in 宁波市.
    expect(rows[0]!.textContent).toContain('1 / 4 个行政村');
    expect(rows[1]!.textContent).toContain('50%');
    expect(screen.getByTestId('map-summary').textContent).toContain('浙江省');
    // The province as a whole: its prefectures' outlines (one file), no county outline file.
    await waitFor(() =>
      expect(asked.filter((u) => u.endsWith('-outlines.json'))).toEqual([
        '/regions/33-outlines.json',
      ]),
    );

    fireEvent.click(rows[1]!);
    const trail = await screen.findByTestId('map-trail');
    expect(within(trail).getByRole('button', { name: '浙江省' })).toBeTruthy();
    expect(within(trail).getByText('宁波市').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('prefecture-coverage')).toBeNull();
    // Its counties: the choice and the coverage list, from its own outline file.
    const choice = screen.getByLabelText('范围') as HTMLSelectElement;
    expect([...choice.options].map((o) => o.textContent)).toEqual(['宁波市（全市）', '象山县']);
    expect(await screen.findByText(/象山县/, { selector: '.coverage-list *' })).toBeTruthy();
    expect(asked).toContain('/regions/3302-outlines.json');
    expect(screen.getByTestId('map-summary').textContent).toContain('宁波市');

    // A county: 浙江省 › 宁波市 › 象山县, then one step back up to the province.
    fireEvent.change(choice, { target: { value: '330225' } });
    expect(within(screen.getByTestId('map-trail')).getByText('象山县')).toBeTruthy();
    fireEvent.click(
      within(screen.getByTestId('map-trail')).getByRole('button', { name: '浙江省' }),
    );
    expect(await screen.findByTestId('prefecture-coverage')).toBeTruthy();
    expect(screen.queryByTestId('map-trail')).toBeNull();
    // As MapScreen.test: the lists wait for the map's points (the eighth session), and Leaflet's
    // chunk is imported and drawn in jsdom first — 5 s was too short on a loaded machine.
  }, 60_000);

  it("shows an officer of a township their own prefecture's counties, not the province's prefectures", async () => {
    await act(async () => {
      await openPoint('330225100200');
    });
    render(<CoverageScreen scope="330225100" />);
    expect(await screen.findByText(/象山县/, { selector: '.coverage-list *' })).toBeTruthy();
    await waitFor(() =>
      expect(asked.filter((u) => u.endsWith('-outlines.json'))).toEqual([
        '/regions/3302-outlines.json',
      ]),
    );
    expect(screen.queryByTestId('prefecture-coverage')).toBeNull();
  }, 60_000);
});
