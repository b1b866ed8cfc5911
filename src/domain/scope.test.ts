/**
 * The access rules decide what reaches whose phone: personal data (trainees, attendance) must
 * never reach an officer, a township officer must not edit the next township's points, and a
 * change of role or scope must force a fresh download. These tests pin the rules down as data.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from './entities';
import { ROLES, type Scope } from './protocol';
import {
  accessFingerprint,
  areaCodeOf,
  canRead,
  canWrite,
  ENTITY_ACCESS,
  maskedFieldsFor,
  mayWrite,
  mayWriteRecord,
  placeOfRegion,
  readableEntities,
  recordRegion,
  roleMayWrite,
  scopeCoversPlace,
  scopeLevelOfCode,
  showsFullPhone,
} from './scope';

const prefecture: Scope = { level: 'prefecture', code: '3301' };
const chunan: Scope = { level: 'county', code: '330127' };
const qiandaohu: Scope = { level: 'township', code: '330127100' };

const inQiandaohu = placeOfRegion('330127100219');
const inWenchang = placeOfRegion('330127101200');
const inTonglu = placeOfRegion('330122002200');

describe('places', () => {
  it('derives county and township from a region code of any level', () => {
    expect(placeOfRegion('330127100219')).toEqual({
      countyCode: '330127',
      townshipCode: '330127100',
    });
    expect(placeOfRegion('330127100')).toEqual({ countyCode: '330127', townshipCode: '330127100' });
    expect(placeOfRegion('330127')).toEqual({ countyCode: '330127', townshipCode: null });
    expect(placeOfRegion(null)).toEqual({ countyCode: null, townshipCode: null });
  });

  it('reads each entity’s place from its own field', () => {
    expect(recordRegion('servicePoint', { regionCode: '330127100219' })).toEqual({
      ok: true,
      regionCode: '330127100219',
    });
    expect(recordRegion('flagshipStore', { townshipCode: '330127100' })).toEqual({
      ok: true,
      regionCode: '330127100',
    });
    expect(recordRegion('trainee', { villageCode: '330127101200' })).toEqual({
      ok: true,
      regionCode: '330127101200',
    });
    expect(recordRegion('target', { countyCode: null })).toEqual({ ok: true, regionCode: null });
    expect(recordRegion('target', { countyCode: '330127' })).toEqual({
      ok: true,
      regionCode: '330127',
    });
    expect(recordRegion('pilotTown', {})).toEqual({ ok: false, missing: 'place' });
  });

  it('places attendance where its session is held', () => {
    const townships = new Map([['s1', '330127104']]);
    expect(recordRegion('attendance', { sessionId: 's1' }, (id) => townships.get(id))).toEqual({
      ok: true,
      regionCode: '330127104',
    });
    expect(recordRegion('attendance', { sessionId: 'unknown' }, (id) => townships.get(id))).toEqual(
      {
        ok: false,
        missing: 'session',
      },
    );
  });

  it('covers a place by scope level; coarser places are outside a finer scope', () => {
    expect(scopeCoversPlace(prefecture, inTonglu)).toBe(true);
    expect(scopeCoversPlace(prefecture, placeOfRegion(null))).toBe(true);
    expect(scopeCoversPlace(chunan, inWenchang)).toBe(true);
    expect(scopeCoversPlace(chunan, inTonglu)).toBe(false);
    expect(scopeCoversPlace(chunan, placeOfRegion(null))).toBe(false);
    expect(scopeCoversPlace(qiandaohu, inQiandaohu)).toBe(true);
    expect(scopeCoversPlace(qiandaohu, inWenchang)).toBe(false);
    expect(scopeCoversPlace(qiandaohu, placeOfRegion('330127'))).toBe(false);
  });
});

describe('who may write what', () => {
  it('gives every role its entities, and only those', () => {
    const writable = (role: (typeof ROLES)[number]) =>
      ENTITY_NAMES.filter((e) => roleMayWrite(role, e)).sort();
    expect(writable('admin')).toEqual([...ENTITY_NAMES].sort());
    expect(writable('coordinator')).toEqual(
      ENTITY_NAMES.filter((e) => e !== 'target' && e !== 'centralTown').sort(),
    );
    expect(writable('officer')).toEqual(['agriShop', 'servicePoint']);
    expect(writable('trainer')).toEqual(['attendance', 'trainee', 'trainingSession']);
  });

  it('limits writing to the user’s area', () => {
    const officer = { role: 'officer' as const, scope: qiandaohu };
    expect(canWrite(officer, 'servicePoint', inQiandaohu)).toBe(true);
    expect(canWrite(officer, 'servicePoint', inWenchang)).toBe(false);
    const coordinator = { role: 'coordinator' as const, scope: chunan };
    expect(canWrite(coordinator, 'servicePoint', inWenchang)).toBe(true);
    expect(canWrite(coordinator, 'servicePoint', inTonglu)).toBe(false);
    expect(canWrite(coordinator, 'target', placeOfRegion('330127'))).toBe(false);
    const admin = { role: 'admin' as const, scope: prefecture };
    expect(canWrite(admin, 'target', placeOfRegion(null))).toBe(true);
  });
});

describe('who may read what', () => {
  it('never sends personal data to officers', () => {
    const officer = { role: 'officer' as const, scope: qiandaohu };
    expect(canRead(officer, 'trainee', inQiandaohu)).toBe(false);
    expect(canRead(officer, 'attendance', inQiandaohu)).toBe(false);
    expect(readableEntities('officer').inScope).not.toContain('trainee');
    expect(readableEntities('officer').inScope).not.toContain('attendance');
  });

  it('sends trainees to trainers and coordinators of their area only', () => {
    expect(canRead({ role: 'trainer', scope: chunan }, 'trainee', inWenchang)).toBe(true);
    expect(canRead({ role: 'trainer', scope: chunan }, 'trainee', inTonglu)).toBe(false);
    expect(canRead({ role: 'coordinator', scope: chunan }, 'attendance', inQiandaohu)).toBe(true);
  });

  it('sends targets and central towns to everyone, everywhere', () => {
    for (const role of ROLES) {
      expect(readableEntities(role).everywhere.sort()).toEqual(['centralTown', 'target']);
      expect(canRead({ role, scope: qiandaohu }, 'target', placeOfRegion(null))).toBe(true);
      expect(canRead({ role, scope: qiandaohu }, 'centralTown', inTonglu)).toBe(true);
    }
  });

  it('lets every role read what it may write (a device must see what it edits)', () => {
    for (const entity of ENTITY_NAMES) {
      for (const role of ROLES) {
        const { read, write } = ENTITY_ACCESS[entity];
        if (write[role] !== 'none') expect(read[role], `${role} ${entity}`).not.toBe('none');
      }
    }
  });

  it('masks phones only for roles that read but cannot write', () => {
    expect(maskedFieldsFor('trainer', 'servicePoint')).toEqual(['operatorPhone']);
    expect(maskedFieldsFor('officer', 'servicePoint')).toEqual([]);
    expect(maskedFieldsFor('trainer', 'trainee')).toEqual([]);
    expect(maskedFieldsFor('coordinator', 'trainee')).toEqual([]);
  });
});

describe('phones in lists', () => {
  it('shows the full number to roles that may write the record, masked to the others', () => {
    const full = (entity: 'servicePoint' | 'trainee') =>
      ROLES.filter((role) => showsFullPhone(role, entity)).sort();
    expect(full('servicePoint')).toEqual(['admin', 'coordinator', 'officer']);
    expect(full('trainee')).toEqual(['admin', 'coordinator', 'trainer']);
    // Officers never receive trainees; should one ever be on the device, it stays masked.
    expect(showsFullPhone('officer', 'trainee')).toBe(false);
  });

  it('shows everything in full with nobody signed in (all of it was typed on this device)', () => {
    expect(showsFullPhone(null, 'servicePoint')).toBe(true);
    expect(showsFullPhone(null, 'trainee')).toBe(true);
  });

  it('agrees with what the server masks', () => {
    for (const role of ROLES) {
      for (const entity of ['servicePoint', 'trainee'] as const) {
        expect(showsFullPhone(role, entity), `${role} ${entity}`).toBe(
          maskedFieldsFor(role, entity).length === 0,
        );
      }
    }
  });
});

describe('the access fingerprint', () => {
  it('changes with role and scope, and only with them', () => {
    const base = accessFingerprint({ role: 'officer', scope: qiandaohu });
    expect(accessFingerprint({ role: 'officer', scope: qiandaohu })).toBe(base);
    expect(
      accessFingerprint({ role: 'officer', scope: { level: 'township', code: '330127101' } }),
    ).not.toBe(base);
    expect(accessFingerprint({ role: 'coordinator', scope: qiandaohu })).not.toBe(base);
  });

  it('tells scope levels from code lengths', () => {
    expect(scopeLevelOfCode('3301')).toBe('prefecture');
    expect(scopeLevelOfCode('330127')).toBe('county');
    expect(scopeLevelOfCode('330127100')).toBe('township');
    expect(scopeLevelOfCode('33012710')).toBeUndefined();
  });
});

describe('mayWrite: the one question screens ask before offering an action', () => {
  it('follows canWrite for a signed-in user, the role alone for a place not chosen yet', () => {
    const trainer = { role: 'trainer' as const, scope: chunan };
    const officer = { role: 'officer' as const, scope: qiandaohu };
    expect(mayWrite(trainer, 'servicePoint', '330127100219')).toBe(false);
    expect(mayWrite(officer, 'servicePoint', '330127100219')).toBe(true);
    expect(mayWrite(officer, 'servicePoint', '330127101200')).toBe(false); // next township
    expect(mayWrite(officer, 'servicePoint', null)).toBe(true);
    expect(mayWrite(officer, 'trainingSession', null)).toBe(false);
    expect(mayWrite(trainer, 'trainingSession', '330127100')).toBe(true);
  });

  it('lets the app used without an account change what is on it', () => {
    expect(mayWrite(null, 'centralTown', '330127100')).toBe(true);
    expect(mayWriteRecord(null, 'servicePoint', { regionCode: '330122002200' })).toBe(true);
  });

  it("reads a stored record's place from its place field", () => {
    const officer = { role: 'officer' as const, scope: qiandaohu };
    expect(mayWriteRecord(officer, 'servicePoint', { regionCode: '330127100219' })).toBe(true);
    expect(mayWriteRecord(officer, 'agriShop', { regionCode: '330122002200' })).toBe(false);
    expect(mayWriteRecord(officer, 'flagshipStore', { townshipCode: '330127100' })).toBe(false);
  });
});

describe('the user’s area as one code (areaCodeOf, the one derivation)', () => {
  it('is the county or township code, and empty for the prefecture or nobody', () => {
    expect(areaCodeOf({ level: 'county', code: '330127' })).toBe('330127');
    expect(areaCodeOf({ level: 'township', code: '330127100' })).toBe('330127100');
    expect(areaCodeOf({ level: 'prefecture', code: '3301' })).toBe('');
    expect(areaCodeOf(null)).toBe('');
    expect(areaCodeOf(undefined)).toBe('');
  });
});
