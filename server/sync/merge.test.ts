/**
 * The per-mutation rules, without a database: what a concurrent edit of the same field, of
 * different fields, a delete racing an update, or a change out of someone's area does. These
 * decide whether anything a user typed can be lost, so each rule has a test of its own; the
 * database suites (push.test.ts) check the same rules end to end.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/common';
import { placeOfRegion } from '../../src/domain/scope';
import { serverRegions } from '../regions';
import type { ApplyMutation, StoredRecord, WriteActor } from '../base/records';
import { decideMutation, type DecisionContext } from './merge';
import {
  QIANDAOHU,
  QIANDAOHU_VILLAGE,
  servicePointFields,
  WENCHANG_VILLAGE,
} from '../test-support/sync';

const context: DecisionContext = {
  now: '2026-03-02T08:00:00.000Z',
  regions: serverRegions(),
  referenced: () => undefined,
};

const alice: WriteActor = {
  userId: 'u-alice',
  username: 'alice',
  role: 'officer',
  scope: { level: 'township', code: QIANDAOHU },
  clientId: 'c-alice',
};
const bob: WriteActor = { ...alice, userId: 'u-bob', username: 'bob', clientId: 'c-bob' };

function mutation(
  changes: Record<string, unknown>,
  baseVersion: number,
  id: string,
  op: ApplyMutation['op'] = 'upsert',
): ApplyMutation {
  return { mutationId: 1, entity: 'servicePoint', recordId: id, op, changes, baseVersion };
}

/** Applies in order, as apply.ts does; returns the final state and every decision. */
function run(steps: [WriteActor, ApplyMutation][]) {
  let state: StoredRecord | undefined;
  const decisions = steps.map(([actor, m]) => {
    const decision = decideMutation(state, m, actor, context);
    if (decision.kind === 'applied') state = decision.next;
    return decision;
  });
  return { state, decisions };
}

describe('decideMutation', () => {
  it('creates a record at version 1 with the server’s metadata', () => {
    const id = newId();
    const { state, decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
    ]);
    expect(decisions[0]?.kind).toBe('applied');
    expect(state).toMatchObject({
      version: 1,
      deleted: false,
      place: placeOfRegion(QIANDAOHU_VILLAGE),
    });
    expect(state?.data).toMatchObject({
      id,
      version: 1,
      updatedBy: 'alice',
      updatedAt: context.now,
      deleted: false,
    });
  });

  it('merges concurrent edits of different fields without a conflict', () => {
    const id = newId();
    const { state, decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({ name: '新名字' }, 1, id)],
      [bob, mutation({ notes: '鲍勃的备注' }, 1, id)],
    ]);
    expect(decisions.map((d) => d.kind)).toEqual(['applied', 'applied', 'applied']);
    expect(decisions.flatMap((d) => (d.kind === 'applied' ? d.conflicts : []))).toEqual([]);
    expect(state?.data).toMatchObject({ name: '新名字', notes: '鲍勃的备注', version: 3 });
  });

  it('lets the later arrival win a field and keeps the earlier value as a conflict', () => {
    const id = newId();
    const { state, decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({ name: '爱丽丝的名字' }, 1, id)],
      [bob, mutation({ name: '鲍勃的名字' }, 1, id)],
    ]);
    expect(state?.data.name).toBe('鲍勃的名字');
    const last = decisions[2]!;
    expect(last.kind === 'applied' && last.conflicts).toEqual([
      expect.objectContaining({
        kind: 'field',
        field: 'name',
        winningValue: '鲍勃的名字',
        losingValue: '爱丽丝的名字',
        winningUserId: 'u-bob',
        losingUserId: 'u-alice',
        losingClientId: 'c-alice',
        losingVersion: 2,
      }),
    ]);
  });

  it('does not see a conflict with the same device’s own earlier change', () => {
    const id = newId();
    const { decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({ name: '第一次' }, 0, id)], // offline: the device still thinks version 0
      [alice, mutation({ name: '第二次' }, 0, id)],
    ]);
    expect(decisions.flatMap((d) => (d.kind === 'applied' ? d.conflicts : []))).toEqual([]);
  });

  it('records no conflict when both sides typed the same value', () => {
    const id = newId();
    const { decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE, { name: '同名' }), 0, id)],
      [bob, mutation(servicePointFields(QIANDAOHU_VILLAGE, { name: '同名' }), 0, id)],
    ]);
    expect(decisions[1]).toEqual({ kind: 'unchanged' });
  });

  it('lets a delete win over an update it did not see, and keeps the update', () => {
    const id = newId();
    const { state, decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({}, 1, id, 'delete')],
      [bob, mutation({ notes: '晚到的修改' }, 1, id)],
    ]);
    expect(state).toMatchObject({ deleted: true, version: 2 });
    expect(decisions[2]).toMatchObject({
      kind: 'rejected',
      reason: 'deleted',
      conflicts: [
        {
          kind: 'deleted',
          field: null,
          losingValue: { notes: '晚到的修改' },
          losingUserId: 'u-bob',
        },
      ],
    });
  });

  it('treats deleting a deleted record as done', () => {
    const id = newId();
    const { decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({}, 1, id, 'delete')],
      [bob, mutation({}, 1, id, 'delete')],
    ]);
    expect(decisions[2]).toEqual({ kind: 'unchanged' });
  });

  it('rejects a merged record that does not validate, saying which field in both languages', () => {
    const id = newId();
    const { decisions } = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({ operatorPhone: '12345' }, 1, id)],
    ]);
    expect(decisions[1]).toMatchObject({
      kind: 'rejected',
      reason: 'invalid',
      message: {
        'zh-CN': expect.stringContaining('运营人电话'),
        en: expect.stringContaining("Operator's phone"),
      },
    });
  });

  it('rejects unknown fields and metadata rather than dropping them silently', () => {
    const id = newId();
    const first = run([
      [alice, mutation({ ...servicePointFields(QIANDAOHU_VILLAGE), colour: 'red' }, 0, id)],
    ]);
    expect(first.decisions[0]).toMatchObject({ kind: 'rejected', reason: 'invalid' });
    const second = run([
      [alice, mutation({ ...servicePointFields(QIANDAOHU_VILLAGE), version: 99 }, 0, id)],
    ]);
    expect(second.decisions[0]).toMatchObject({ kind: 'rejected', reason: 'invalid' });
  });

  it('refuses text the database cannot store (NUL, lone surrogates), even where the schema allows it', () => {
    for (const bad of ['a\u0000b', 'x\ud800']) {
      const { decisions } = run([
        [alice, mutation({ ...servicePointFields(QIANDAOHU_VILLAGE), notes: bad }, 0, newId())],
      ]);
      expect(decisions[0]).toMatchObject({ kind: 'rejected', reason: 'invalid' });
    }
    const nestedKey = run([
      [
        alice,
        mutation(
          { ...servicePointFields(QIANDAOHU_VILLAGE), location: { '\u0000': 1 } },
          0,
          newId(),
        ),
      ],
    ]);
    expect(nestedKey.decisions[0]).toMatchObject({ kind: 'rejected', reason: 'invalid' });
  });

  it('refuses a role that may not write the entity', () => {
    const trainer: WriteActor = { ...alice, role: 'trainer' };
    const { decisions } = run([
      [trainer, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, newId())],
    ]);
    expect(decisions[0]).toMatchObject({ kind: 'rejected', reason: 'roleDenied' });
  });

  it('checks the area before the change and after it', () => {
    const id = newId();
    const outside = run([[alice, mutation(servicePointFields(WENCHANG_VILLAGE), 0, id)]]);
    expect(outside.decisions[0]).toMatchObject({ kind: 'rejected', reason: 'scopeDenied' });

    const moved = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [alice, mutation({ regionCode: WENCHANG_VILLAGE }, 1, id)],
    ]);
    expect(moved.decisions[1]).toMatchObject({ kind: 'rejected', reason: 'scopeDenied' });

    const wenchangOfficer: WriteActor = { ...bob, scope: { level: 'township', code: '330127101' } };
    const theirs = run([
      [alice, mutation(servicePointFields(QIANDAOHU_VILLAGE), 0, id)],
      [wenchangOfficer, mutation({ regionCode: WENCHANG_VILLAGE }, 1, id)],
    ]);
    expect(theirs.decisions[1]).toMatchObject({ kind: 'rejected', reason: 'scopeDenied' });
  });

  it('refuses a place that is not in the gazetteer', () => {
    const { decisions } = run([[alice, mutation(servicePointFields('330127100999'), 0, newId())]]);
    expect(decisions[0]).toMatchObject({ kind: 'rejected', reason: 'invalid' });
  });

  it('refuses an update of a record the server never had', () => {
    const { decisions } = run([[alice, mutation({ name: '无中生有' }, 3, newId())]]);
    expect(decisions[0]).toMatchObject({ kind: 'rejected', reason: 'notFound' });
  });
});
