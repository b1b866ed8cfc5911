/**
 * The map screen's area from the user's area code alone (firstView.ts): what the cluster worker is
 * handed before the screen exists, and which outlines the first reads fetch, must be what the
 * screen then shows and draws.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deployment, setDeployment } from '../../domain/deployment';
import { NO_FILTERS } from '../../domain/pointFilter';
import { twoPrefectureProvince } from '../../test-support/province';
import { drillsFor, firstPointFilters, outlinesCodeOf, validScopeOf } from './firstView';

const built = deployment();
afterEach(() => setDeployment(built));

const chosen = { ...NO_FILTERS, county: '330122', statuses: ['open' as const] };

describe("the map's first view in a prefecture's deployment", () => {
  it('narrows a county or township user to their county, keeping the other filters', () => {
    expect(firstPointFilters('330127', chosen)).toEqual({ ...chosen, county: '330127' });
    expect(firstPointFilters('330127102', chosen)).toEqual({ ...chosen, county: '330127' });
  });

  it('keeps the chosen county for a user of the whole prefecture, or of no valid area', () => {
    expect(firstPointFilters(undefined, chosen)).toEqual(chosen);
    expect(firstPointFilters('3301', chosen)).toEqual(chosen);
    expect(firstPointFilters('33012710211', NO_FILTERS)).toEqual(NO_FILTERS);
  });

  it("draws the deployment's outlines whoever looks", () => {
    expect(outlinesCodeOf('330127', '')).toBe(built.code);
    expect(outlinesCodeOf(undefined, '330122')).toBe(built.code);
    expect(drillsFor(validScopeOf(undefined))).toBe(false);
  });
});

describe("the map's first view in a province's deployment", () => {
  it('leaves the area to the gazetteer (the drill) for a user of the whole province', () => {
    setDeployment(twoPrefectureProvince(built));
    expect(drillsFor(validScopeOf(undefined))).toBe(true);
    expect(firstPointFilters(undefined, chosen)).toBeNull();
    expect(firstPointFilters('3302', chosen)).toBeNull();
  });

  it("narrows a county user to their county and fetches their prefecture's outlines only", () => {
    setDeployment(twoPrefectureProvince(built));
    expect(drillsFor(validScopeOf('330225'))).toBe(false);
    expect(firstPointFilters('330225', NO_FILTERS)).toEqual({ ...NO_FILTERS, county: '330225' });
    expect(outlinesCodeOf('330225', '')).toBe('3302');
    expect(outlinesCodeOf('330225101', '')).toBe('3302');
  });

  it("draws the chosen county's prefecture, else the province's prefectures", () => {
    setDeployment(twoPrefectureProvince(built));
    expect(outlinesCodeOf(undefined, '330127')).toBe('3301');
    expect(outlinesCodeOf(undefined, '')).toBe('33');
  });
});
