/**
 * The first view's service points, prepared before the map (prepareServicePoints): the layer's
 * items are the stored (WGS-84) positions — the cluster index converts them for the base map —
 * and the one pass that matched them leaves the footer's count of shown points, which must be what
 * the footer would count itself (MapBlockParts' countShown).
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS, type PointFilters } from '../../domain/pointFilter';
import { samplePoint } from '../../test-support/mapPoints';
import { countShown } from './MapBlockParts';
import { prepareServicePoints } from './ServicePointsLayer';

describe('the first view prepared before the map', () => {
  it('leaves the footer the counts it would count itself, for each filter', () => {
    const filters: PointFilters[] = [
      { ...NO_FILTERS, county: '330127' },
      { ...NO_FILTERS, county: '330127', statuses: ['open'] },
      { ...NO_FILTERS, county: '330128' },
    ];
    for (const f of filters) {
      const points = Array.from({ length: 700 }, (_, i) => samplePoint(i));
      prepareServicePoints(points, f, 'GCJ02');
      const remembered = countShown(points, f);
      // Counted afresh (another array: nothing remembered for it).
      const fresh = countShown([...points], f);
      expect(remembered).toEqual(fresh);
      expect(remembered.unlocated).toBe(100);
    }
  });
});
