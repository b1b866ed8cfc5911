/**
 * The demo: four accounts (password demo-2026) and a plausible data set for 淳安县 (330127),
 * every name prefixed 【演示】 so nobody mistakes it for real data. In a province (REGION=33) the
 * same in two prefectures (淳安县 and 宁波市's 象山县) under a province admin, with an admin and
 * county people per prefecture (demoPrefectures, demoAccounts). `npm start` loads it on an
 * empty embedded database; with DATABASE_URL only on request (`--demo`).
 *
 * Records go through the same apply path as a push (server/sync/apply.ts), so they have versions,
 * change-log rows and a history like any other record. The set is generated from a fixed seed:
 * every demo looks the same. Loaded once: app_meta 'demo' marks it, and a second call does
 * nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attendanceId } from '../../src/domain/attendance';
import { centralTownId } from '../../src/domain/centralTown';
import { derivedId } from '../../src/domain/common';
import { deployment } from '../../src/domain/deployment';
import type { EntityName } from '../../src/domain/entities';
import type { Role, Scope } from '../../src/domain/protocol';
import { isInsideArea, type RegionIndex } from '../../src/domain/region';
import { targetId, type TargetMetric } from '../../src/domain/target';
import { splitByWeights } from '../../src/domain/targetPlan';
import type { ScryptParameters } from '../base/context';
import type { EntityHookTable } from '../base/entity-hooks';
import { createAccount, findAccount } from '../auth/users';
import type { Db, DbTx } from '../db';
import { applyMutations, creation, type ApplyMutation, type WriteActor } from '../sync/apply';
import { isWholeArea, rootScope } from '../../src/domain/levels';

export const DEMO_PASSWORD = 'demo-2026';
// In 杭州市 (the default REGION) the demo lives in 淳安县; elsewhere in the county with the most
// rural villages (demoArea).
const HANGZHOU_COUNTY = '330127'; // 淳安县
const HANGZHOU_TOWNS = ['330127100', '330127104', '330127108']; // 千岛湖镇, 威坪镇, 汾口镇
const DEMO_MARKER_KEY = 'demo';
const PREFIX = '【演示】';
const DEMO_NOTE = '演示数据，可随意修改或删除 / demo data: edit or delete freely';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
}

/** Where the demo's county people work: its county, the officer's township, three central towns. */
export interface DemoArea {
  county: string;
  township: string;
  towns: string[];
}

/**
 * 淳安县 in 杭州市; in another area the county with the most rural villages, its township with
 * the most as the officer's, and its first three townships by code as central towns. In a
 * province, `prefecture` names the demo prefecture the county is chosen in (demoPrefectures).
 */
export function demoArea(regions: RegionIndex, prefecture?: string): DemoArea {
  if (regions.county(HANGZHOU_COUNTY) && (!prefecture || HANGZHOU_COUNTY.startsWith(prefecture))) {
    return { county: HANGZHOU_COUNTY, township: HANGZHOU_TOWNS[0]!, towns: HANGZHOU_TOWNS };
  }
  const rural = (list: readonly { rural: boolean }[]) => list.filter((v) => v.rural).length;
  const byRural = <T extends { code: string }>(items: readonly T[], count: (item: T) => number) =>
    [...items].sort((a, b) => count(b) - count(a) || (a.code < b.code ? -1 : 1))[0];
  const candidates = prefecture
    ? regions.counties.filter((c) => c.code.startsWith(prefecture))
    : regions.counties;
  const county = byRural(candidates, (c) =>
    rural(regions.villages.filter((v) => v.countyCode === c.code)),
  );
  if (!county) throw new Error('demo: the area has no counties');
  const townships = regions.townshipsOf(county.code);
  const township = byRural(townships, (t) => rural(regions.villagesOf(t.code))) ?? townships[0];
  if (!township) throw new Error(`demo: county ${county.code} has no townships`);
  return {
    county: county.code,
    township: township.code,
    towns: townships.slice(0, 3).map((t) => t.code),
  };
}

/**
 * The prefectures a province's demo lives in: its first two (浙江省: 杭州市 with 淳安县, 宁波市
 * with 象山县, as REGION=3302 has it). Empty for a prefecture deployment (the demo is its own).
 */
export function demoPrefectures(): string[] {
  const area = deployment();
  return area.level === 'province' ? area.prefectures.slice(0, 2).map(([code]) => code) : [];
}

/** The county people of one demo county; `suffix` tells a province's prefectures apart. */
function countyAccounts(area: DemoArea, suffix: string): DemoAccount[] {
  return [
    {
      username: `coordinator${suffix}`,
      displayName: '演示协调员',
      role: 'coordinator',
      scope: { level: 'county', code: area.county },
    },
    {
      username: `officer${suffix}`,
      displayName: '演示电商专员',
      role: 'officer',
      scope: { level: 'township', code: area.township },
    },
    {
      username: `trainer${suffix}`,
      displayName: '演示培训师',
      role: 'trainer',
      scope: { level: 'county', code: area.county },
    },
  ];
}

/**
 * The demo accounts: the whole area's admin (username admin), then for a prefecture the demo
 * county's coordinator, officer and trainer; for a province, per demo prefecture its admin and
 * its county's people, each username ending in the prefecture's code (admin-3302, officer-3302).
 */
export function demoAccounts(regions: RegionIndex): DemoAccount[] {
  const admin: DemoAccount = {
    username: 'admin',
    displayName: '演示管理员',
    role: 'admin',
    scope: rootScope(),
  };
  const prefectures = demoPrefectures();
  if (prefectures.length === 0) return [admin, ...countyAccounts(demoArea(regions), '')];
  return [
    admin,
    ...prefectures.flatMap((prefecture): DemoAccount[] => [
      {
        username: `admin-${prefecture}`,
        displayName: '演示市管理员',
        role: 'admin',
        scope: { level: 'prefecture', code: prefecture },
      },
      ...countyAccounts(demoArea(regions, prefecture), `-${prefecture}`),
    ]),
  ];
}

export interface DemoReport {
  accounts: (DemoAccount & { created: boolean })[];
  /** Records loaded per entity. */
  records: Partial<Record<EntityName, number>>;
  /** Mutations the apply path rejected (should be none: the generator makes valid records). */
  rejected: { entity: EntityName; reason: string; message: string }[];
}

/** Seeded PRNG (mulberry32): the same demo every time. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ring = [number, number][];

/** The county's outline (public/regions/<prefecture>-outlines.json), to place GPS points in it. */
function countyOutline(code: string): Ring | undefined {
  const file = fileURLToPath(
    new URL(`../../public/regions/${code.slice(0, 4)}-outlines.json`, import.meta.url),
  );
  // An area generated elsewhere (a test's temporary folder) may have no outline file here.
  if (!existsSync(file)) return undefined;
  const outlines = JSON.parse(readFileSync(resolve(file), 'utf8')) as {
    features: {
      properties: { code: string | null };
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  const feature = outlines.features.find((f) => f.properties.code === code);
  if (!feature) return undefined;
  if (feature.geometry.type === 'Polygon') return (feature.geometry.coordinates as Ring[])[0];
  // A county with islands (象山县): its largest piece, where the villages are.
  if (feature.geometry.type !== 'MultiPolygon') return undefined;
  const outers = (feature.geometry.coordinates as Ring[][]).map((rings) => rings[0] ?? []);
  return outers.reduce((a, b) => (b.length > a.length ? b : a), []);
}

function insideRing(ring: Ring, lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** What the generator produced, per author role. */
interface DemoMutations {
  byRole: Record<Role, ApplyMutation[]>;
  /**
   * With `part` (a province's demo prefecture): the targets of the whole area (county null),
   * which only the whole area's admin may write; empty unless `part.areaWide`. Without `part`
   * they are in byRole.admin, as always.
   */
  areaWide: ApplyMutation[];
}

/** One demo prefecture of a province (generateDemoMutations). */
export interface DemoPart {
  prefecture: string;
  /** Whether this part also carries the area-wide targets (the first part). */
  areaWide: boolean;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '吴',
  '徐',
  '方',
  '汪',
  '余',
  '姜',
  '邵',
];
const GIVEN = [
  '建国',
  '小红',
  '海峰',
  '丽华',
  '志强',
  '春燕',
  '伟',
  '敏',
  '俊杰',
  '晓东',
  '玉兰',
  '国平',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function phone(random: () => number): string {
  return `1${pick(random, ['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
}

function personName(random: () => number): string {
  return `${pick(random, SURNAMES)}${pick(random, GIVEN)}`;
}

function isoDate(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/**
 * A province's demo prefecture has a plan of its own (its 4-digit row, target.ts) beside the
 * province's: the whole area's figures given again as the prefecture's own, and the province's
 * scaled to its prefectures, so neither the prefecture's board nor the province's grid reads
 * 未设目标 in the demo. In a prefecture's deployment the rows are as written.
 */
function withAreaRows(
  rows: readonly (readonly [string | null, TargetMetric, number])[],
  part: DemoPart | undefined,
): (readonly [string | null, TargetMetric, number])[] {
  if (!part) return [...rows];
  const prefectures = deployment().prefectures.length;
  return rows.flatMap(([countyCode, metric, value]) =>
    countyCode === null
      ? [
          [null, metric, metric === 'centralTownsWithStore' ? value : value * prefectures] as const,
          [part.prefecture, metric, value] as const,
        ]
      : [[countyCode, metric, value] as const],
  );
}

/** Generates the demo records (pure apart from reading the outline file). */
export function generateDemoMutations(regions: RegionIndex, part?: DemoPart): DemoMutations {
  const random = seededRandom(20260302);
  // Ids counted per county (shops, trainees) are told apart by the prefecture in a province.
  const demoId = (kind: string, ...parts: string[]) =>
    part ? derivedId(kind, part.prefecture, ...parts) : derivedId(kind, ...parts);
  const areaWide: ApplyMutation[] = [];
  const byRole: Record<Role, ApplyMutation[]> = {
    admin: [],
    coordinator: [],
    officer: [],
    trainer: [],
  };
  const {
    county: DEMO_COUNTY,
    township: DEMO_TOWNSHIP,
    towns,
  } = demoArea(regions, part?.prefecture);
  const countyName = regions.county(DEMO_COUNTY)?.name ?? '';
  const isChunan = DEMO_COUNTY === HANGZHOU_COUNTY;
  const townName = (i: number) => regions.township(towns[i] ?? '')?.name ?? '';
  const townships = regions.townshipsOf(DEMO_COUNTY);
  const ruralVillages = regions.villages.filter((v) => v.countyCode === DEMO_COUNTY && v.rural);
  const outline = countyOutline(DEMO_COUNTY);
  const [minLng, minLat, maxLng, maxLat] = outline
    ? outline.reduce(
        ([a, b, c, d], [lng, lat]) => [
          Math.min(a, lng),
          Math.min(b, lat),
          Math.max(c, lng),
          Math.max(d, lat),
        ],
        [180, 90, -180, -90],
      )
    : (deployment().prefectures.find(([code]) => DEMO_COUNTY.startsWith(code))?.[2] ??
      deployment().bbox ?? [0, 0, 0, 0]);
  const location = (capturedAt: string) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const lng = minLng + random() * (maxLng - minLng);
      const lat = minLat + random() * (maxLat - minLat);
      if ((!outline || insideRing(outline, lng, lat)) && isInsideArea(lat, lng)) {
        const round = (v: number) => Math.round(v * 1e6) / 1e6;
        return {
          lat: round(lat),
          lng: round(lng),
          accuracy: Math.round(5 + random() * 25),
          source: 'gps',
          capturedAt,
        };
      }
    }
    return null;
  };

  // Central towns and targets: the city's (admin).
  const centralTowns = towns.filter((code) => regions.township(code));
  for (const townshipCode of centralTowns) {
    byRole.admin.push(
      creation('centralTown', centralTownId(townshipCode), {
        townshipCode,
        designatedYear: 2013,
        active: true,
      }),
    );
  }
  const targets: [string | null, TargetMetric, number][] = [
    [null, 'servicePoints', 1500],
    [null, 'agriShopsOnPlatform', 100],
    [null, 'traineesTrained', 800],
    [null, 'centralTownsWithStore', centralTowns.length],
    [DEMO_COUNTY, 'servicePoints', 150],
    [DEMO_COUNTY, 'traineesTrained', 60],
    [DEMO_COUNTY, 'pilotsAccepted', 2],
    [DEMO_COUNTY, 'agriShopsOnPlatform', 8],
  ];
  // Last year's plan too, every county's share of the prefecture's points and trainees (split by
  // rural villages, as the targets grid does): the grid's copy-forward and the trends' line for
  // last year have something to show.
  const counties = regions.counties
    .map((c) => c.code)
    .filter((code) => !part || code.startsWith(part.prefecture));
  const ruralOf = counties.map(
    (code) => regions.villages.filter((v) => v.countyCode === code && v.rural).length,
  );
  const lastYear: [string | null, TargetMetric, number][] = [
    [null, 'servicePoints', 1200],
    [null, 'agriShopsOnPlatform', 80],
    [null, 'traineesTrained', 800],
    [null, 'centralTownsWithStore', centralTowns.length],
    [DEMO_COUNTY, 'pilotsAccepted', 2],
    [DEMO_COUNTY, 'agriShopsOnPlatform', 6],
  ];
  for (const [metric, total] of [
    ['servicePoints', 1200],
    ['traineesTrained', 800],
  ] as const) {
    const parts = splitByWeights(total, ruralOf);
    for (const [i, code] of counties.entries()) {
      // A district without rural villages gets no row (a target of 0 would read as met).
      if (ruralOf[i]! > 0) lastYear.push([code, metric, parts[i]!]);
    }
  }
  for (const [year, rows] of [
    [2025, lastYear],
    [2026, targets],
  ] as const) {
    for (const [countyCode, metric, value] of withAreaRows(rows, part)) {
      const target = creation('target', targetId(year, countyCode, metric), {
        year,
        countyCode,
        metric,
        value,
      });
      if (!part || countyCode !== null) byRole.admin.push(target);
      else if (part.areaWide) areaWide.push(target);
    }
  }

  // Flagship stores, pilots and agricultural shops: the county's (coordinator).
  const storeSpecs = [
    {
      town: towns[0] ?? '',
      name: isChunan ? '千岛湖有机鱼旗舰店' : `${townName(0)}特产旗舰店`,
      platform: 'zhejiangGuan',
      status: 'open',
      openedOn: '2024-05-18',
      products: '有机鱼、鱼干',
    },
    {
      town: towns[1] ?? '',
      name: isChunan ? '威坪山核桃旗舰店' : `${townName(1)}农产品旗舰店`,
      platform: 'tmall',
      status: 'open',
      openedOn: '2025-09-01',
      products: '山核桃、笋干',
    },
    {
      town: towns[2] ?? '',
      name: isChunan ? '汾口茶叶旗舰店' : `${townName(2)}茶叶旗舰店`,
      platform: 'taobao',
      status: 'planned',
      openedOn: null,
      products: isChunan ? '千岛玉叶' : '绿茶',
    },
  ];
  for (const spec of storeSpecs.filter((s) => regions.township(s.town))) {
    byRole.coordinator.push(
      creation('flagshipStore', derivedId('demo-store', spec.town), {
        townshipCode: spec.town,
        platform: spec.platform,
        storeName: `${PREFIX}${spec.name}`,
        url: null,
        openedOn: spec.openedOn,
        status: spec.status,
        mainProducts: spec.products,
        operator: `${regions.township(spec.town)!.name}电商服务站`,
        monthlyFigures:
          spec.status === 'open'
            ? [
                { month: '2026-01', orders: 320, salesYuan: 48_600 },
                { month: '2026-02', orders: 410, salesYuan: 61_200 },
              ]
            : [],
      }),
    );
  }
  const pilotSpecs: [string, 'approved' | 'inProgress'][] = [
    [towns[0] ?? '', 'inProgress'],
    [towns[1] ?? '', 'approved'],
  ];
  for (const [town, status] of pilotSpecs.filter(([town]) => regions.township(town))) {
    const history: { status: string; date: string }[] = [
      { status: 'proposed', date: '2026-01-10' },
      { status: 'approved', date: '2026-02-01' },
    ];
    if (status === 'inProgress') history.push({ status: 'inProgress', date: '2026-02-20' });
    byRole.coordinator.push(
      creation('pilotTown', derivedId('demo-pilot', town, '2026'), {
        townshipCode: town,
        year: 2026,
        status,
        statusHistory: history,
        milestones: [
          {
            id: 'm1',
            title: '建成镇级电商服务站',
            done: status === 'inProgress',
            doneOn: status === 'inProgress' ? '2026-02-25' : null,
          },
          { id: 'm2', title: '培训本镇村级服务点运营人', done: false, doneOn: null },
        ],
        notes: DEMO_NOTE,
        photos: [],
      }),
    );
  }
  const shopProducts = ['高山茶叶', '土蜂蜜', '山核桃', '笋干', '有机鱼', '野生菌'];
  for (let i = 0; i < 6; i++) {
    const village = pick(random, ruralVillages);
    const onServicePlatform = i % 2 === 0;
    const author = village.townshipCode === DEMO_TOWNSHIP ? byRole.officer : byRole.coordinator;
    author.push(
      creation('agriShop', demoId('demo-shop', String(i)), {
        name: `${PREFIX}${village.shortName}${shopProducts[i]}小店`,
        platform: pick(random, ['taobao', 'pinduoduo', 'wechat', 'douyin']),
        url: null,
        regionCode: village.code,
        products: shopProducts[i],
        onServicePlatform,
        joinedOn: onServicePlatform ? `2025-${String(3 + i).padStart(2, '0')}-15` : null,
      }),
    );
  }

  // Service points: about 60, across the county's villages, in every status. The officer
  // registered those of their own township, the coordinator the others.
  const statuses = ['planned', 'approved', 'open', 'open', 'open', 'suspended', 'closed'] as const;
  const seen = new Set<string>();
  let duplicateOf:
    | {
        village: (typeof ruralVillages)[number];
        location: NonNullable<ReturnType<typeof location>>;
      }
    | undefined;
  const pointVillages = [
    ...ruralVillages.filter((v) => v.townshipCode === DEMO_TOWNSHIP).slice(0, 10),
    ...ruralVillages.filter((v) => v.townshipCode !== DEMO_TOWNSHIP),
  ];
  for (const village of pointVillages) {
    if (seen.size >= 58) break;
    if (seen.has(village.code) || (village.townshipCode !== DEMO_TOWNSHIP && random() < 0.83))
      continue;
    seen.add(village.code);
    const status = statuses[seen.size % statuses.length]!;
    const start = addDays('2025-01-01', Math.floor(random() * 300));
    const history = [{ status: 'planned', date: start }];
    let openedOn: string | null = null;
    if (status !== 'planned' && !(status === 'closed' && seen.size % 2 === 0)) {
      history.push({ status: 'approved', date: addDays(start, 20) });
    }
    if (
      status === 'open' ||
      status === 'suspended' ||
      (status === 'closed' && history.length === 2)
    ) {
      openedOn = addDays(start, 45);
      history.push({ status: 'open', date: openedOn });
    }
    if (status === 'suspended') history.push({ status: 'suspended', date: addDays(start, 200) });
    if (status === 'closed') history.push({ status: 'closed', date: addDays(start, 120) });
    const capturedAt = `${addDays(start, 45)}T02:30:00.000Z`;
    const author = village.townshipCode === DEMO_TOWNSHIP ? byRole.officer : byRole.coordinator;
    // In the order the random draws have always been made (the demo stays the same demo).
    const services =
      random() < 0.5
        ? ['purchasing', 'produceSales', 'parcels']
        : ['purchasing', 'produceSales', 'payments', 'youthStartup'];
    const operatorName = personName(random);
    const operatorPhone = phone(random);
    const pointLocation = random() < 0.8 ? location(capturedAt) : null;
    author.push(
      creation('servicePoint', derivedId('demo-point', village.code), {
        tier: 'village',
        regionCode: village.code,
        name: `${PREFIX}${village.shortName}电商服务点`,
        services,
        status,
        statusHistory: history,
        openedOn,
        operatorName,
        operatorPhone,
        location: pointLocation,
        photos: [],
        notes: DEMO_NOTE,
      }),
    );
    if (!duplicateOf && pointLocation && village.townshipCode === DEMO_TOWNSHIP) {
      duplicateOf = { village, location: pointLocation };
    }
  }
  // One likely duplicate for the coordinator's review (/points/duplicates): the same shop
  // registered again, 60 m away, as a plan. Fixed values, so the random sequence above and
  // everything generated after it stay as they were.
  if (duplicateOf) {
    byRole.officer.push(
      creation('servicePoint', derivedId('demo-point-duplicate', duplicateOf.village.code), {
        tier: 'village',
        regionCode: duplicateOf.village.code,
        name: `${PREFIX}${duplicateOf.village.shortName}村口代购点`,
        services: ['purchasing', 'parcels'],
        status: 'planned',
        statusHistory: [{ status: 'planned', date: '2025-11-02' }],
        openedOn: null,
        operatorName: '',
        operatorPhone: null,
        location: {
          ...duplicateOf.location,
          lat: Math.round((duplicateOf.location.lat + 0.00054) * 1e6) / 1e6,
          capturedAt: '2025-11-02T03:10:00.000Z',
        },
        photos: [],
        notes: DEMO_NOTE,
      }),
    );
  }
  const firstTownship = townships.find((t) => t.code === DEMO_TOWNSHIP);
  if (firstTownship) {
    byRole.coordinator.push(
      creation('servicePoint', derivedId('demo-point', DEMO_TOWNSHIP), {
        tier: 'township',
        regionCode: DEMO_TOWNSHIP,
        name: `${PREFIX}${firstTownship.name}电商服务站`,
        services: ['purchasing', 'produceSales', 'youthStartup', 'parcels'],
        status: 'open',
        statusHistory: [
          { status: 'planned', date: '2024-03-01' },
          { status: 'approved', date: '2024-03-20' },
          { status: 'open', date: '2024-05-01' },
        ],
        openedOn: '2024-05-01',
        operatorName: personName(random),
        operatorPhone: phone(random),
        location: location('2024-05-01T02:00:00.000Z'),
        photos: [],
        notes: DEMO_NOTE,
      }),
      creation('servicePoint', derivedId('demo-point', DEMO_COUNTY), {
        tier: 'county',
        regionCode: DEMO_COUNTY,
        name: `${PREFIX}${countyName}农村电商服务中心`,
        services: ['purchasing', 'produceSales', 'youthStartup', 'parcels', 'payments'],
        status: 'open',
        statusHistory: [
          { status: 'planned', date: '2023-09-01' },
          { status: 'approved', date: '2023-10-01' },
          { status: 'open', date: '2023-12-01' },
        ],
        openedOn: '2023-12-01',
        operatorName: `${countyName}商务局`,
        operatorPhone: null,
        location: location('2023-12-01T02:00:00.000Z'),
        photos: [],
        notes: DEMO_NOTE,
      }),
    );
  }

  // Training: three sessions in three townships, 30 trainees, attendance (the trainer's).
  const trainees = Array.from({ length: 30 }, (_, i) => {
    const village = ruralVillages[Math.floor((i * ruralVillages.length) / 30)]!;
    return { id: demoId('demo-trainee', String(i)), village };
  });
  for (const [i, trainee] of trainees.entries()) {
    byRole.trainer.push(
      creation('trainee', trainee.id, {
        name: `${PREFIX}${personName(random)}`,
        kind: i % 3 === 0 ? 'official' : 'youth',
        villageCode: trainee.village.code,
        phone: random() < 0.9 ? phone(random) : null,
      }),
    );
  }
  const sessionTownships = [DEMO_TOWNSHIP, towns[1] ?? '', towns[2] ?? ''].filter((code) =>
    regions.township(code),
  );
  sessionTownships.forEach((townshipCode, s) => {
    const sessionId = derivedId('demo-session', townshipCode);
    const startDate = addDays('2026-02-23', s * 14);
    byRole.trainer.push(
      creation('trainingSession', sessionId, {
        title: `${PREFIX}${['农村电商入门', '网店运营与直播带货', '农产品品牌与包装'][s]}`,
        startDate,
        endDate: addDays(startDate, 1),
        townshipCode,
        trainer: '演示培训师',
        hours: 12,
        topics: [
          ['网店开设', '物流'],
          ['直播', '客服'],
          ['品牌', '包装设计'],
        ][s]!,
        capacity: 40,
      }),
    );
    for (const trainee of trainees.filter((_, t) => t % sessionTownships.length === s)) {
      const status = random() < 0.8 ? 'present' : random() < 0.5 ? 'late' : 'absent';
      byRole.trainer.push(
        creation('attendance', attendanceId(sessionId, trainee.id), {
          sessionId,
          traineeId: trainee.id,
          status,
          checkedInAt:
            status === 'absent'
              ? null
              : `${startDate}T0${status === 'late' ? 1 : 0}:${String(Math.floor(random() * 50)).padStart(2, '0')}:00.000Z`,
        }),
      );
    }
  });
  return { byRole, areaWide };
}

/** True when the database has no users and no records (a fresh installation). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>(
    'select not exists (select 1 from users) and not exists (select 1 from records) as empty',
  );
  return rows[0]?.empty === true;
}

/**
 * Loads the demo (accounts that do not exist yet, then the records) in one transaction, unless it
 * was loaded before: then returns undefined and changes nothing.
 */
export async function loadDemoData(
  db: Db,
  options: {
    regions: RegionIndex;
    /** The server's entity hooks (server/entity-hooks.ts RECORD_HOOKS), as for a push. */
    hooks: EntityHookTable;
    now?: Date;
    scrypt?: ScryptParameters;
  },
): Promise<DemoReport | undefined> {
  const now = options.now ?? new Date();
  const accounts = demoAccounts(options.regions);
  // Who writes what, in order: the admin first (central towns, targets), then the county's
  // records, then the field's and training. In a province: the province admin's area-wide
  // targets, then each demo prefecture's people (admin-3302 …) with their prefecture's records.
  const batches: { username: string; mutations: ApplyMutation[] }[] = [];
  const prefectures = demoPrefectures();
  const roles = ['admin', 'coordinator', 'officer', 'trainer'] as const;
  if (prefectures.length === 0) {
    const generated = generateDemoMutations(options.regions);
    for (const role of roles) {
      const account = accounts.find((a) => a.role === role)!;
      batches.push({ username: account.username, mutations: generated.byRole[role] });
    }
  } else {
    prefectures.forEach((prefecture, i) => {
      const generated = generateDemoMutations(options.regions, { prefecture, areaWide: i === 0 });
      if (i === 0) batches.push({ username: 'admin', mutations: generated.areaWide });
      for (const role of roles) {
        const username = role === 'admin' ? `admin-${prefecture}` : `${role}-${prefecture}`;
        batches.push({ username, mutations: generated.byRole[role] });
      }
    });
  }
  return db.transaction(async (tx: DbTx) => {
    // Two servers starting together on one PostgreSQL: one loads, the other waits and skips.
    await tx.query('select pg_advisory_xact_lock($1)', [4_242_000_002]);
    const marker = await tx.query('select 1 from app_meta where key = $1', [DEMO_MARKER_KEY]);
    if (marker.rows.length > 0) return undefined;

    const report: DemoReport = { accounts: [], records: {}, rejected: [] };
    const actors = new Map<string, WriteActor>();
    for (const account of accounts) {
      const existing = await findAccount(tx, { username: account.username });
      const user =
        existing ??
        (await createAccount(
          tx,
          options.regions,
          { ...account, password: DEMO_PASSWORD },
          options.scrypt,
          // Seeded, not set by a person: the policy does not apply (it would refuse demo-2026).
          // The demo exists only on a loopback server or with --demo (server/demo/demo-safety.ts).
          { policy: null },
        ));
      report.accounts.push({ ...account, created: !existing });
      actors.set(account.username, {
        userId: user.id,
        username: user.username,
        role: account.role,
        scope: account.scope,
        clientId: null,
      });
    }
    for (const { username, mutations } of batches) {
      const outcomes = await applyMutations(
        tx,
        { now, regions: options.regions, serialised: db.kind === 'pglite', hooks: options.hooks },
        actors.get(username)!,
        mutations,
      );
      outcomes.forEach((outcome, i) => {
        const entity = mutations[i]!.entity;
        if (outcome.status === 'applied')
          report.records[entity] = (report.records[entity] ?? 0) + 1;
        else
          report.rejected.push({
            entity,
            reason: outcome.reason ?? 'invalid',
            message: outcome.message?.en ?? '',
          });
      });
    }
    await tx.query('insert into app_meta (key, value) values ($1, $2::jsonb)', [
      DEMO_MARKER_KEY,
      JSON.stringify({ loadedAt: now.toISOString(), records: report.records }),
    ]);
    return report;
  });
}

/** The lines `npm start` prints after loading the demo. */
export function describeDemo(report: DemoReport, regions: RegionIndex): string[] {
  const total = Object.values(report.records).reduce((a, b) => a + (b ?? 0), 0);
  const lines = [
    `Demo data loaded (演示数据, names start with ${PREFIX}): ${total} records — ` +
      Object.entries(report.records)
        .map(([entity, n]) => `${n} ${entity}`)
        .join(', '),
    `Demo accounts, password ${DEMO_PASSWORD} (演示账号，密码 ${DEMO_PASSWORD}; disable them before real use):`,
  ];
  for (const account of report.accounts) {
    const prefecture = deployment().prefectures.find(([code]) => code === account.scope.code);
    const area = isWholeArea(account.scope)
      ? `${regions.prefecture.name} (whole ${account.scope.level})`
      : account.scope.level === 'prefecture'
        ? `${prefecture?.[1] ?? account.scope.code} (prefecture)`
        : (regions.placeLabel(account.scope.code) ?? account.scope.code);
    lines.push(
      `  ${account.username.padEnd(17)} ${account.role.padEnd(12)} ${area}` +
        (account.created ? '' : '   (existed already: password unchanged)'),
    );
  }
  for (const rejected of report.rejected) {
    lines.push(
      `  ! a demo ${rejected.entity} was rejected (${rejected.reason}): ${rejected.message}`,
    );
  }
  return lines;
}
