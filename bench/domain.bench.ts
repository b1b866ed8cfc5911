/**
 * Costs on the device's hot paths that the foundation owns: validating a record on every save
 * (and on the server, for every pushed mutation), and the village type-ahead over the gazetteer.
 */
import { readFileSync } from 'node:fs';
import { newId } from '../src/domain/common';
import { parseRegionFile } from '../src/domain/region';
import { newServicePointFields, servicePointSchema } from '../src/domain/servicePoint';
import { medianMs, printTable } from './table';

const regionJson: unknown = JSON.parse(
  readFileSync(new URL('../public/regions/3301.json', import.meta.url), 'utf8'),
);
const regions = parseRegionFile(regionJson);
const villages = regions.villages.filter((v) => v.rural);

const N = 10_000;
const points = Array.from({ length: N }, (_, i) => ({
  id: newId(),
  version: 0,
  updatedAt: null,
  updatedBy: null,
  deleted: false,
  ...newServicePointFields('2026-03-01'),
  regionCode: villages[i % villages.length]!.code,
  name: `服务点 ${i}`,
  operatorName: '张三',
  operatorPhone: '13812345678',
  location: {
    lat: 29.6 + (i % 100) / 1000,
    lng: 119.0,
    accuracy: 10,
    source: 'gps' as const,
    capturedAt: '2026-03-01T08:00:00.000Z',
  },
}));

const validate = medianMs(() => {
  for (const p of points) servicePointSchema.parse(p);
});
const parse = medianMs(() => parseRegionFile(regionJson));
const queries = ['村', '下姜', '千岛', '王家', 'zz'];
const search = medianMs(() => {
  for (const q of queries) regions.searchVillages(q, { limit: 20 });
});

printTable([
  {
    measure: `validate ${N} service points (servicePointSchema.parse)`,
    'total ms': validate,
    'µs each': (validate * 1000) / N,
  },
  {
    measure: `parse the region file (${regions.villages.length} villages)`,
    'total ms': parse,
    'µs each': (parse * 1000) / regions.villages.length,
  },
  {
    measure: `village type-ahead, ${queries.length} queries, limit 20`,
    'total ms': search,
    'µs each': (search * 1000) / queries.length,
  },
]);
