/**
 * The domain schemas are what a field officer meets when a form is wrong, and what the server
 * uses to refuse bad pushes. These tests pin both: good records pass, bad ones fail on the right
 * field with a message a person can act on, in Chinese and in English.
 */
import { describe, expect, it } from 'vitest';
import { attendanceId, attendanceSchema } from './attendance';
import { centralTownId, centralTownSchema } from './centralTown';
import { derivedId, maskPhone, newId, normalisePhone, phoneSchema, urlSchema } from './common';
import { ENTITY_NAMES, ENTITY_SCHEMAS, isEntityName, validateRecord } from './entities';
import { describeProblem } from './fieldLabels';
import { agriShopSchema } from './agriShop';
import { flagshipStoreSchema } from './flagshipStore';
import { DOMAIN_MESSAGES, toFieldProblems } from './messages';
import { pilotTownSchema, transitionPilot } from './pilotTown';
import {
  newServicePointFields,
  servicePointSchema,
  transitionServicePoint,
  type ServicePoint,
} from './servicePoint';
import { targetId, targetSchema } from './target';
import { traineeSchema } from './trainee';
import { trainingSessionSchema } from './trainingSession';

const meta = () => ({ id: newId(), version: 0, updatedAt: null, updatedBy: null, deleted: false });
const CHUNAN_VILLAGE = '330127101201'; // a 12-digit code inside 淳安县; existence is not the schema's job
const CHUNAN_TOWNSHIP = '330127101';

function problemsOf(schema: (typeof ENTITY_SCHEMAS)[keyof typeof ENTITY_SCHEMAS], value: unknown) {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return toFieldProblems(result.error);
}

function validPoint(overrides: Partial<ServicePoint> = {}): Record<string, unknown> {
  return {
    ...meta(),
    ...newServicePointFields('2026-03-01'),
    regionCode: CHUNAN_VILLAGE,
    name: '下姜村电商服务点',
    operatorName: '姜大姐',
    operatorPhone: '13812345678',
    location: {
      lat: 29.6,
      lng: 119.0,
      accuracy: 12,
      source: 'gps',
      capturedAt: '2026-03-01T08:00:00.000Z',
    },
    ...overrides,
  };
}

describe('the registry', () => {
  // entityNames.ts lists the names without the schemas (for the start page, which loads no zod):
  // the same names in the same order (the sync and the digests walk them in it).
  it('names every entity of the registry, in its order, and nothing else', () => {
    expect(ENTITY_NAMES).toEqual(Object.keys(ENTITY_SCHEMAS));
    for (const name of ENTITY_NAMES) expect(isEntityName(name)).toBe(true);
    for (const name of ['', 'toString', '__proto__', 'servicepoint', 'user']) {
      expect(isEntityName(name), name).toBe(false);
    }
  });
});

describe('ids', () => {
  it('new ids are UUIDv7 and increase with time', () => {
    const a = newId();
    const b = newId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(a < b || a.slice(0, 13) === b.slice(0, 13)).toBe(true);
  });

  it('attendance ids derive from (session, trainee): two devices agree, pairs differ', () => {
    const s = newId();
    const t = newId();
    expect(attendanceId(s, t)).toBe(attendanceId(s, t));
    expect(attendanceId(s, t)).not.toBe(attendanceId(t, s));
    expect(attendanceId(s, t)).not.toBe(derivedId('target', s, t));
  });
});

describe('phone numbers', () => {
  it.each(['13812345678', '138 1234 5678', '+86 138-1234-5678', '19912345678'])(
    'accepts %s',
    (phone) => expect(phoneSchema.parse(phone)).toMatch(/^1[3-9]\d{9}$/),
  );
  // What input methods and pasted messages give: full-width digits and signs, ideographic and
  // no-break spaces, 0086; all stored as the same 11 digits, on the phone and on the server.
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６ １３８－１２３４－５６７８', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['138\u30001234\u00a05678', '13812345678'],
    ['(138) 1234.5678', '13812345678'],
  ])('normalises %s to %s', (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
    expect(phoneSchema.parse(typed)).toBe(stored);
  });
  it.each([
    '12812345678',
    '1381234567',
    '138123456789',
    '0571-8888888',
    'abc',
    '137****6635',
    '１３８１２３４５６７',
    '+1 138 1234 5678',
  ])('refuses %s', (phone) => {
    const result = phoneSchema.safeParse(phone);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('phone.invalid');
  });
  it('masks for roles that do not need the number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBe('');
  });
});

describe('URLs', () => {
  it('accepts http(s) and refuses script and data URLs', () => {
    expect(urlSchema.safeParse('https://shop.taobao.com/x').success).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<b>',
      'ftp://x.cn',
      'shop',
      'https://localhost',
    ]) {
      expect(urlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('ServicePoint', () => {
  it('accepts a complete point and normalises text and phone', () => {
    const parsed = servicePointSchema.parse(
      validPoint({ name: '  下姜村   服务点 ', operatorPhone: '138 1234 5678' }),
    );
    expect(parsed.name).toBe('下姜村 服务点');
    expect(parsed.operatorPhone).toBe('13812345678');
  });

  it('keeps pasted HTML as text (it is escaped when shown, never stripped into something else)', () => {
    const parsed = servicePointSchema.parse(validPoint({ name: '<script>alert(1)</script>' }));
    expect(parsed.name).toBe('<script>alert(1)</script>');
  });

  it('names the field and the reason, in both languages', () => {
    const problems = problemsOf(servicePointSchema, validPoint({ operatorPhone: '12345' }));
    expect(problems).toHaveLength(1);
    expect(describeProblem('servicePoint', problems[0]!, 'zh-CN')).toBe(
      '运营人电话：手机号应为 11 位数字，以 13–19 开头，例如 13812345678',
    );
    expect(describeProblem('servicePoint', problems[0]!, 'en')).toBe(
      "Operator's phone: a mainland mobile number has 11 digits starting with 13–19, e.g. 13812345678",
    );
  });

  it('refuses a location outside the prefecture', () => {
    const problems = problemsOf(
      servicePointSchema,
      validPoint({
        location: {
          lat: 31.23,
          lng: 121.47,
          accuracy: 5,
          source: 'gps',
          capturedAt: '2026-03-01T08:00:00.000Z',
        },
      }),
    );
    expect(problems.map((p) => p.key)).toEqual(['location.outside']);
    expect(describeProblem('servicePoint', problems[0]!, 'zh-CN')).toContain('不在本市范围内');
  });

  it('refuses a region code outside the prefecture and a tier that does not match the place', () => {
    expect(
      problemsOf(servicePointSchema, validPoint({ regionCode: '330227101201' })).map((p) => p.key),
    ).toContain('region.township');
    expect(
      problemsOf(servicePointSchema, validPoint({ regionCode: CHUNAN_TOWNSHIP })).map((p) => p.key),
    ).toEqual(['region.tierMismatch']);
    expect(
      problemsOf(servicePointSchema, validPoint({ tier: 'township', regionCode: CHUNAN_TOWNSHIP })),
    ).toEqual([]);
  });

  it('requires a name (必填 when empty, not "至少 2 个字"), at least one service, and says so', () => {
    const problems = problemsOf(servicePointSchema, validPoint({ name: ' ', services: [] }));
    expect(problems.map((p) => [p.path, p.key])).toEqual([
      ['name', 'required'],
      ['services', 'tooFewItems'],
    ]);
    expect(
      problemsOf(servicePointSchema, validPoint({ name: '站' })).map((p) => [p.key, p.params]),
    ).toEqual([['tooShort', { min: 2 }]]);
  });

  it('refuses control characters pasted into text', () => {
    expect(
      problemsOf(servicePointSchema, validPoint({ name: '服务点\u0007' })).map((p) => p.key),
    ).toEqual(['controlChars']);
  });

  it('refuses impossible dates', () => {
    expect(
      problemsOf(servicePointSchema, validPoint({ openedOn: '2026-02-30' })).map((p) => p.key),
    ).toEqual(['date.invalid']);
  });

  it('keeps status and history consistent', () => {
    expect(
      problemsOf(servicePointSchema, validPoint({ status: 'open' })).map((p) => p.key),
    ).toContain('history.mismatch');
  });

  it('walks the lifecycle and refuses what makes no sense', () => {
    const planned = servicePointSchema.parse(validPoint());
    const approved = transitionServicePoint(planned, 'approved', '2026-03-05');
    expect(approved.ok).toBe(true);
    if (!approved.ok) return;
    const afterApproval = { ...planned, ...approved.changes };
    const opened = transitionServicePoint(afterApproval, 'open', '2026-04-01');
    expect(opened.ok && opened.changes.openedOn).toBe('2026-04-01');
    expect(transitionServicePoint(planned, 'open', '2026-03-05')).toMatchObject({
      ok: false,
      reason: 'notAllowed',
    });
    expect(transitionServicePoint(planned, 'planned', '2026-03-05')).toMatchObject({
      ok: false,
      reason: 'same',
    });
    expect(transitionServicePoint(afterApproval, 'open', '2026-03-04')).toMatchObject({
      ok: false,
      reason: 'dateBeforePrevious',
    });
    if (!opened.ok) return;
    const open = servicePointSchema.parse({ ...afterApproval, ...opened.changes });
    expect(open.statusHistory.map((h) => h.status)).toEqual(['planned', 'approved', 'open']);
  });
});

describe('the other entities', () => {
  it('FlagshipStore: an open store needs its opening date; URLs are checked', () => {
    const store = {
      ...meta(),
      townshipCode: CHUNAN_TOWNSHIP,
      platform: 'zhejiangGuan',
      storeName: '千岛湖特产旗舰店',
      url: 'https://qdh.example.com',
      openedOn: null,
      status: 'open',
      mainProducts: '茶叶、笋干',
      operator: '',
      monthlyFigures: [{ month: '2026-01', orders: 120, salesYuan: 35000.5 }],
    };
    expect(problemsOf(flagshipStoreSchema, store).map((p) => p.key)).toEqual([
      'store.openedOnRequired',
    ]);
    expect(problemsOf(flagshipStoreSchema, { ...store, openedOn: '2026-01-01' })).toEqual([]);
    expect(
      problemsOf(flagshipStoreSchema, {
        ...store,
        openedOn: '2026-01-01',
        url: 'javascript:alert(1)',
      }).map((p) => p.key),
    ).toEqual(['url.invalid']);
    expect(
      problemsOf(flagshipStoreSchema, {
        ...store,
        openedOn: '2026-01-01',
        monthlyFigures: [{ month: '2026-13', orders: 1.5, salesYuan: -1 }],
      }).map((p) => p.key),
    ).toEqual(['month.invalid', 'notInteger', 'tooSmall']);
  });

  it('AgriShop: on the platform needs the date it joined', () => {
    const shop = {
      ...meta(),
      name: '千岛湖鱼干网店',
      platform: 'taobao',
      url: null,
      regionCode: CHUNAN_TOWNSHIP,
      products: '鱼干',
      onServicePlatform: true,
      joinedOn: null,
    };
    expect(problemsOf(agriShopSchema, shop).map((p) => p.key)).toEqual([
      'agriShop.joinedOnRequired',
    ]);
    expect(problemsOf(agriShopSchema, { ...shop, joinedOn: '2025-06-01' })).toEqual([]);
  });

  it('Trainee: a village, not a township; a real phone or none', () => {
    const trainee = {
      ...meta(),
      name: '王小明',
      kind: 'youth',
      villageCode: CHUNAN_VILLAGE,
      phone: null,
    };
    expect(problemsOf(traineeSchema, trainee)).toEqual([]);
    expect(
      problemsOf(traineeSchema, { ...trainee, villageCode: CHUNAN_TOWNSHIP, phone: '123' }).map(
        (p) => p.key,
      ),
    ).toEqual(['region.village', 'phone.invalid']);
  });

  it('TrainingSession: the end is not before the start', () => {
    const session = {
      ...meta(),
      title: '农村电商实务',
      startDate: '2026-05-10',
      endDate: '2026-05-09',
      townshipCode: CHUNAN_TOWNSHIP,
      trainer: '李老师',
      hours: 6,
      topics: ['网店运营'],
      capacity: 60,
    };
    expect(problemsOf(trainingSessionSchema, session).map((p) => p.key)).toEqual([
      'dates.endBeforeStart',
    ]);
    expect(problemsOf(trainingSessionSchema, { ...session, endDate: '2026-05-11' })).toEqual([]);
  });

  it('Attendance: the id must be the derived one; present needs a check-in time', () => {
    const sessionId = newId();
    const traineeId = newId();
    const row = {
      ...meta(),
      id: attendanceId(sessionId, traineeId),
      sessionId,
      traineeId,
      status: 'present',
      checkedInAt: '2026-05-10T01:02:03.000Z',
    };
    expect(problemsOf(attendanceSchema, row)).toEqual([]);
    expect(problemsOf(attendanceSchema, { ...row, id: newId() }).map((p) => p.key)).toEqual([
      'id.invalid',
    ]);
    expect(problemsOf(attendanceSchema, { ...row, checkedInAt: null }).map((p) => p.key)).toEqual([
      'attendance.checkedInRequired',
    ]);
  });

  it('PilotTown: accepted only through the steps; failed is final', () => {
    const pilot = {
      ...meta(),
      townshipCode: CHUNAN_TOWNSHIP,
      year: 2026,
      status: 'proposed',
      statusHistory: [{ status: 'proposed', date: '2026-01-10' }],
      milestones: [],
      notes: '',
      photos: [],
    };
    expect(problemsOf(pilotTownSchema, pilot)).toEqual([]);
    expect(transitionPilot(pilot as never, 'accepted', '2026-02-01')).toMatchObject({
      ok: false,
      reason: 'notAllowed',
    });
    const approved = transitionPilot(pilot as never, 'approved', '2026-02-01');
    expect(approved.ok).toBe(true);
    expect(
      problemsOf(pilotTownSchema, {
        ...pilot,
        status: 'accepted',
        statusHistory: [
          { status: 'proposed', date: '2026-01-10' },
          { status: 'accepted', date: '2026-02-01' },
        ],
      }).map((p) => p.key),
    ).toEqual(['history.mismatch']);
    expect(problemsOf(pilotTownSchema, { ...pilot, year: 2012 }).map((p) => p.key)).toEqual([
      'year.invalid',
    ]);
  });

  it('Target and CentralTown: one row per natural key', () => {
    const target = {
      ...meta(),
      id: targetId(2026, '330127', 'pilotsAccepted'),
      year: 2026,
      countyCode: '330127',
      metric: 'pilotsAccepted',
      value: 2,
    };
    expect(problemsOf(targetSchema, target)).toEqual([]);
    expect(problemsOf(targetSchema, { ...target, value: -1 }).map((p) => p.key)).toEqual([
      'tooSmall',
    ]);
    expect(problemsOf(targetSchema, { ...target, id: newId() }).map((p) => p.key)).toEqual([
      'id.invalid',
    ]);
    const town = {
      ...meta(),
      id: centralTownId(CHUNAN_TOWNSHIP),
      townshipCode: CHUNAN_TOWNSHIP,
      designatedYear: 2013,
      active: true,
    };
    expect(problemsOf(centralTownSchema, town)).toEqual([]);
  });

  it('every entity refuses a record with missing fields, with "required" messages', () => {
    for (const entity of ENTITY_NAMES) {
      const problems = problemsOf(ENTITY_SCHEMAS[entity], { ...meta() });
      expect(problems.length, entity).toBeGreaterThan(0);
      for (const p of problems) expect(Object.keys(DOMAIN_MESSAGES)).toContain(p.key);
      expect(
        problems.some((p) => p.key === 'required'),
        entity,
      ).toBe(true);
    }
  });
});

describe('validateRecord', () => {
  it('says "required" for a missing field and "wrong format" for a wrong type', () => {
    const result = validateRecord('trainee', {
      ...meta(),
      name: '王小明',
      kind: 'youth',
      phone: 13812345678,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.key])).toEqual([
      ['villageCode', 'region.village'],
      ['phone', 'invalidType'],
    ]);
    expect(describeProblem('trainee', result.problems[0]!, 'zh-CN')).toBe(
      '村（社区）：请选择本市的一个村（社区）',
    );
    const missingName = validateRecord('trainee', {
      ...meta(),
      kind: 'youth',
      villageCode: CHUNAN_VILLAGE,
      phone: null,
    });
    expect(!missingName.ok && missingName.problems.map((p) => [p.path, p.key])).toEqual([
      ['name', 'required'],
    ]);
    if (missingName.ok) return;
    expect(describeProblem('trainee', missingName.problems[0]!, 'zh-CN')).toBe('姓名：必填');
    expect(describeProblem('trainee', missingName.problems[0]!, 'en')).toBe('Name: is required');
  });
});

describe('the message catalogue', () => {
  it('has both languages for every key, with the same placeholders', () => {
    for (const [key, text] of Object.entries(DOMAIN_MESSAGES)) {
      const zh = text['zh-CN'].match(/\{\w+\}/g) ?? [];
      const en = text.en.match(/\{\w+\}/g) ?? [];
      expect(zh.sort(), key).toEqual(en.sort());
      expect(text['zh-CN'].length, key).toBeGreaterThan(0);
      expect(text.en.length, key).toBeGreaterThan(0);
    }
  });
});
