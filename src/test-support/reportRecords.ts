/**
 * Test records for the report's component, workbook and zip tests (not imported by the app): a
 * few of 淳安县's and one of 桐庐县's, each as a whole record, so every list and export has
 * something in it — including a store whose name a spreadsheet would run as a formula.
 *
 * 淳安县 2026: one point open (浪洞村), one closed in June (文屏村), against a target of 4; two of
 * three people on a session came; one pilot accepted of 2; one store open at a central town and
 * one being prepared. 桐庐县: 1 point of 2 — so 淳安县 ranks 2nd of 2 on points.
 */
import { translate, type Translate } from '../i18n';
import { testRegions } from './regions';
import type { AgriShop } from '../domain/agriShop';
import { buildAssessmentReport, type AssessmentRecords } from '../domain/assessmentReport';
import type { Attendance } from '../domain/attendance';
import type { CentralTown } from '../domain/centralTown';
import type { FlagshipStore } from '../domain/flagshipStore';
import { areaOfCode, areaTable, metricFacts } from '../domain/metrics';
import type { PilotTown } from '../domain/pilotTown';
import type { ServicePoint } from '../domain/servicePoint';
import { targetId, type Target, type TargetMetric } from '../domain/target';
import type { Trainee } from '../domain/trainee';
import type { TrainingSession } from '../domain/trainingSession';
import { reportTables } from '../features/report/reportTables';

export const CHUNAN = '330127';
export const TONGLU = '330122';
export const QIANDAOHU = '330127100';
export const WENCHANG = '330127101';
export const LANGDONG = '330127101200'; // 浪洞村
export const WENPING = '330127101207'; // 文屏村
export const JIUXIAN = '330122002200'; // 旧县村 (桐庐县)
/** The day the tests run on (Date is faked to it). */
export const TEST_TODAY = '2026-12-05';

const meta = (id: string) => ({
  id,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'seed',
  deleted: false,
});

function uuid(n: number): string {
  return `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

function point(n: number, regionCode: string, name: string, history: [string, string][]) {
  const statusHistory = history.map(([status, date]) => ({ status, date }));
  const status = statusHistory.at(-1)!.status;
  return {
    ...meta(uuid(n)),
    tier: 'village',
    regionCode,
    name,
    services: ['purchasing', 'produceSales'],
    status,
    statusHistory,
    openedOn: history.find(([s]) => s === 'open')?.[1] ?? null,
    operatorName: '王大伯',
    operatorPhone: '13812345678',
    location: null,
    photos: [],
    notes: '',
  } as ServicePoint;
}

function target(countyCode: string | null, metric: TargetMetric, value: number): Target {
  return { ...meta(targetId(2026, countyCode, metric)), year: 2026, countyCode, metric, value };
}

export function testRecords(): Omit<AssessmentRecords, 'villages'> {
  const trainees: Trainee[] = [
    {
      ...meta(uuid(101)),
      name: '王一',
      kind: 'youth',
      villageCode: LANGDONG,
      phone: '13900000001',
    },
    { ...meta(uuid(102)), name: '李二', kind: 'official', villageCode: WENPING, phone: null },
    { ...meta(uuid(103)), name: '赵三', kind: 'youth', villageCode: JIUXIAN, phone: null },
  ];
  const session = (n: number, townshipCode: string, startDate: string, title: string) =>
    ({
      ...meta(uuid(n)),
      title,
      startDate,
      endDate: startDate,
      townshipCode,
      trainer: '张老师',
      hours: 6,
      topics: [],
      capacity: null,
    }) as TrainingSession;
  const sessions = [
    session(201, QIANDAOHU, '2026-03-01', '农村电商入门'),
    session(202, '330122002', '2026-04-01', '桐庐的课'),
  ];
  const mark = (s: TrainingSession, t: Trainee, status: Attendance['status']): Attendance => ({
    ...meta(`${s.id}-${t.id}`),
    sessionId: s.id,
    traineeId: t.id,
    status,
    checkedInAt: status === 'absent' ? null : `${s.startDate}T01:00:00.000Z`,
  });
  const store = (
    n: number,
    townshipCode: string,
    storeName: string,
    status: FlagshipStore['status'],
    openedOn: string | null,
  ): FlagshipStore => ({
    ...meta(uuid(n)),
    townshipCode,
    platform: 'tmall',
    storeName,
    url: null,
    openedOn,
    status,
    mainProducts: '有机鱼',
    operator: '',
    monthlyFigures: [],
  });
  const pilot: PilotTown = {
    ...meta(uuid(401)),
    townshipCode: QIANDAOHU,
    year: 2026,
    status: 'accepted',
    statusHistory: [
      { status: 'proposed', date: '2026-01-10' },
      { status: 'approved', date: '2026-02-01' },
      { status: 'inProgress', date: '2026-02-20' },
      { status: 'accepted', date: '2026-11-30' },
    ],
    milestones: [
      { id: 'm1', title: '建站', done: true, doneOn: '2026-02-25' },
      { id: 'm2', title: '培训', done: false, doneOn: null },
    ],
    notes: '',
    photos: [],
  };
  const centralTown: CentralTown = {
    ...meta(uuid(501)),
    townshipCode: QIANDAOHU,
    designatedYear: 2013,
    active: true,
  };
  const shop: AgriShop = {
    ...meta(uuid(601)),
    name: '浪洞村土蜂蜜小店',
    platform: 'taobao',
    url: null,
    regionCode: LANGDONG,
    products: '土蜂蜜',
    onServicePlatform: true,
    joinedOn: '2025-03-15',
  };
  return {
    points: [
      point(1, LANGDONG, '浪洞村电商服务点', [
        ['planned', '2024-01-01'],
        ['approved', '2024-02-01'],
        ['open', '2024-03-01'],
      ]),
      point(2, WENPING, '文屏村电商服务点', [
        ['planned', '2025-01-01'],
        ['approved', '2025-02-01'],
        ['open', '2025-04-01'],
        ['closed', '2026-06-15'],
      ]),
      point(3, JIUXIAN, '旧县村电商服务点', [
        ['planned', '2025-01-01'],
        ['approved', '2025-02-01'],
        ['open', '2025-03-01'],
      ]),
    ],
    trainees,
    sessions,
    attendance: [
      mark(sessions[0]!, trainees[0]!, 'present'),
      mark(sessions[0]!, trainees[1]!, 'late'),
      mark(sessions[0]!, trainees[2]!, 'absent'),
      mark(sessions[1]!, trainees[2]!, 'present'),
    ],
    centralTowns: [centralTown],
    stores: [
      store(301, QIANDAOHU, '千岛湖有机鱼旗舰店', 'open', '2024-05-18'),
      // A name a spreadsheet would run as a formula: it must stay text everywhere.
      store(302, WENCHANG, '=HYPERLINK("http://x")', 'planned', null),
    ],
    pilots: [pilot],
    shops: [shop],
    targets: [
      target(CHUNAN, 'servicePoints', 4),
      target(CHUNAN, 'traineesTrained', 4),
      target(CHUNAN, 'pilotsAccepted', 2),
      target(TONGLU, 'servicePoints', 2),
      target(null, 'servicePoints', 1500),
      target(null, 'agriShopsOnPlatform', 100),
    ],
  };
}

/** The 2026 report of an area from these records, and its tables in Chinese. */
export function testReport(areaCode: string) {
  const regions = testRegions();
  const records = { ...testRecords(), villages: regions.villages };
  const facts = metricFacts(records, 2026, TEST_TODAY);
  const table = areaTable(
    facts,
    regions.counties.map((c) => areaOfCode(c.code)),
    areaOfCode('3301'),
    TEST_TODAY,
  );
  const report = buildAssessmentReport({
    records,
    facts,
    regions,
    area: areaOfCode(areaCode),
    today: TEST_TODAY,
    countyTable: table,
  });
  const t: Translate = (key, params) => translate('zh-CN', key, params);
  const labels = {
    t,
    locale: 'zh-CN' as const,
    platformLabel: (p: string) => (p === 'tmall' ? '天猫' : p === 'taobao' ? '淘宝' : p),
  };
  const tables = reportTables(report, labels, { today: TEST_TODAY, source: '本机记录' });
  return { regions, records, report, labels, tables };
}
