/**
 * The programme's records are edited by several people offline: two admins marking the same
 * central town or setting the same target must end up with one row, not two; and a pilot or a
 * store must not jump to a status that makes no sense (a failed pilot "accepted" later would
 * count toward the county's assessment). A refused step writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralTownId } from '../domain/centralTown';
import { targetId } from '../domain/target';
import {
  changePilotStatus,
  changeStoreStatus,
  markCentralTown,
  saveRecord,
  setTarget,
  setTargets,
  TransitionRefused,
  ValidationFailed,
  unmarkCentralTown,
  WriteNotAllowed,
} from './index';
import {
  createDatabase,
  getRecord,
  listOutbox,
  listRecords,
  writeSession,
  type CundianDb,
} from '../db';
import { may } from '../domain/actions';
import { ROLES, type Role } from '../domain/protocol';

let db: CundianDb;
let n = 0;
beforeEach(() => {
  n += 1;
  db = createDatabase(`towns-actions-${Date.now()}-${n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const QIANDAOHU = '330127100';

describe('central towns and targets', () => {
  it('marks a town once per township (derived id) and unmarks by setting active false', async () => {
    const first = await markCentralTown(QIANDAOHU, 2013, db);
    expect(first.id).toBe(centralTownId(QIANDAOHU));
    await unmarkCentralTown(QIANDAOHU, db);
    expect(await getRecord('centralTown', first.id, db)).toMatchObject({ active: false });
    await markCentralTown(QIANDAOHU, 2014, db);
    expect(await (await listRecords('centralTown', db)).length).toBe(1);
    expect(await getRecord('centralTown', first.id, db)).toMatchObject({
      active: true,
      designatedYear: 2014,
    });
  });

  it('writes one target row per (year, county, metric), updated in place', async () => {
    await setTarget(2015, '330127', 'pilotsAccepted', 2, db);
    await setTarget(2015, '330127', 'pilotsAccepted', 3, db);
    expect(await (await listRecords('target', db)).length).toBe(1);
    expect(await getRecord('target', targetId(2015, '330127', 'pilotsAccepted'), db)).toMatchObject(
      { value: 3 },
    );
    const outbox = await listOutbox(db);
    expect(outbox.at(-1)?.changes).toEqual({ value: 3 });
  });
});

describe('a whole year of targets at once', () => {
  it('writes every cell as its own synced record, or none when one cell is not a target', async () => {
    await setTarget(2026, null, 'servicePoints', 1500, db);
    const written = await setTargets(
      2026,
      [
        { countyCode: null, metric: 'servicePoints', value: 1600 },
        { countyCode: '330127', metric: 'servicePoints', value: 150 },
      ],
      db,
    );
    expect(written).toBe(2);
    expect(await getRecord('target', targetId(2026, null, 'servicePoints'), db)).toMatchObject({
      value: 1600,
    });
    const outbox = await listOutbox(db);
    // One change per record, like any edit: the prefecture's value, the county's new row.
    expect(outbox.slice(-2).map((e) => [e.recordId, e.changes])).toEqual([
      [targetId(2026, null, 'servicePoints'), { value: 1600 }],
      [
        targetId(2026, '330127', 'servicePoints'),
        { year: 2026, countyCode: '330127', metric: 'servicePoints', value: 150 },
      ],
    ]);

    const refused = setTargets(
      2026,
      [
        { countyCode: '330122', metric: 'servicePoints', value: 90 },
        { countyCode: '330127', metric: 'servicePoints', value: 1.5 },
      ],
      db,
    );
    await expect(refused).rejects.toBeInstanceOf(ValidationFailed);
    await expect(refused).rejects.toMatchObject({ index: 1 });
    expect(
      await getRecord('target', targetId(2026, '330122', 'servicePoints'), db),
    ).toBeUndefined();
    expect(await listOutbox(db)).toHaveLength(outbox.length);
  });
});

describe('status steps', () => {
  async function newPilot() {
    const { id } = await saveRecord(
      'pilotTown',
      null,
      {
        townshipCode: QIANDAOHU,
        year: 2015,
        status: 'proposed',
        statusHistory: [{ status: 'proposed', date: '2015-01-10' }],
        milestones: [],
        notes: '',
        photos: [],
      },
      db,
    );
    return id;
  }

  it('moves a pilot proposed → approved → in progress → accepted', async () => {
    const id = await newPilot();
    await changePilotStatus(id, 'approved', '2015-02-01', undefined, db);
    await changePilotStatus(id, 'inProgress', '2015-03-01', undefined, db);
    await changePilotStatus(id, 'accepted', '2015-11-20', '验收通过', db);
    const pilot = await getRecord('pilotTown', id, db);
    expect(pilot?.status).toBe('accepted');
    expect(pilot?.statusHistory.map((h) => h.status)).toEqual([
      'proposed',
      'approved',
      'inProgress',
      'accepted',
    ]);
  });

  it('refuses skipping to accepted, leaving failed, or a date before the last step', async () => {
    const id = await newPilot();
    const before = (await listOutbox(db)).length;
    await expect(changePilotStatus(id, 'accepted', '2015-02-01', undefined, db)).rejects.toThrow(
      TransitionRefused,
    );
    await expect(changePilotStatus(id, 'approved', '2014-12-01', undefined, db)).rejects.toThrow(
      TransitionRefused,
    );
    await changePilotStatus(id, 'failed', '2015-06-01', undefined, db);
    await expect(changePilotStatus(id, 'inProgress', '2015-07-01', undefined, db)).rejects.toThrow(
      TransitionRefused,
    );
    expect((await listOutbox(db)).length).toBe(before + 1);
  });

  it('opens and closes a store, and refuses to plan it again', async () => {
    const { id } = await saveRecord(
      'flagshipStore',
      null,
      {
        townshipCode: QIANDAOHU,
        platform: 'taobao',
        storeName: '千岛湖特产店',
        url: null,
        openedOn: null,
        status: 'planned',
        mainProducts: '',
        operator: '',
        monthlyFigures: [],
      },
      db,
    );
    await changeStoreStatus(id, 'open', '2015-05-01', db);
    expect(await getRecord('flagshipStore', id, db)).toMatchObject({
      status: 'open',
      openedOn: '2015-05-01',
    });
    await expect(changeStoreStatus(id, 'planned', '2015-06-01', db)).rejects.toThrow(
      TransitionRefused,
    );
    await changeStoreStatus(id, 'closed', '2016-01-01', db);
    expect((await getRecord('flagshipStore', id, db))?.status).toBe('closed');
  });
});

describe('the targets grid on a phone whose user may not edit targets', () => {
  const signIn = (role: Role) =>
    writeSession(
      {
        token: 't',
        user: {
          id: 'u',
          username: 'u',
          displayName: '用户',
          role,
          scope: { level: 'prefecture', code: '3301' },
        },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );
  const cells = [{ countyCode: '330127', metric: 'servicePoints' as const, value: 150 }];

  // Before, setTargets wrote through writeManyWithOutbox without asking: a coordinator on a stale
  // grid queued targets the server could only refuse. Now the actions table (editTargets) decides.
  it.each(ROLES)('%s: writes exactly when the actions table says editTargets', async (role) => {
    await signIn(role);
    const allowed = may({ role, scope: { level: 'prefecture', code: '3301' } }, 'editTargets');
    const write = setTargets(2026, cells, db);
    if (allowed) {
      await expect(write).resolves.toBe(1);
      expect(await listOutbox(db)).toHaveLength(1);
    } else {
      await expect(write).rejects.toBeInstanceOf(WriteNotAllowed);
      await expect(write).rejects.toMatchObject({ entity: 'target' });
      expect(await listRecords('target', db)).toEqual([]);
      expect(await listOutbox(db)).toEqual([]);
    }
  });

  it('is allowed to the city admin and refused to a coordinator (the table as it stands)', () => {
    const at = { level: 'prefecture', code: '3301' } as const;
    expect(may({ role: 'admin', scope: at }, 'editTargets')).toBe(true);
    expect(may({ role: 'coordinator', scope: at }, 'editTargets')).toBe(false);
  });
});
