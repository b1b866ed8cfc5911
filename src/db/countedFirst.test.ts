/**
 * Kept figures read first without Dexie (countedFirst.ts) leave their value for Dexie's live
 * query: it then answers the very value object read first (the header alone read again), not a
 * second copy out of IndexedDB — unless the figures were written again in between, when it reads
 * and answers the new value. Real IndexedDB semantics (fake-indexeddb), real writes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import { freshDatabase } from '../test-support/database';
import { keepCountedFigures, readCountedFigures, readRecordsStamp } from './index';
import { readCountedFiguresRemembered } from './countedFirst';
import { firstAnswers } from './firstAnswerStore';
import { readFirstWithoutDexie, type FirstReader } from './rawFirst';
import type { CountedState } from './stamp';

const NAME = 'mapPoints';

async function keep(value: unknown): Promise<void> {
  const stamp = await readRecordsStamp();
  expect(await keepCountedFigures(NAME, { value, stamp, inputs: '2' })).toBe(true);
}

/** The first read without Dexie, `between` run after the value is read (a write elsewhere). */
async function readFirst(between?: () => Promise<void>): Promise<CountedState<unknown>> {
  let counted: CountedState<unknown> | undefined;
  const read = async (reader: FirstReader) => {
    const watched: FirstReader = {
      ...reader,
      async countedFigures<T>(name: string) {
        const answer = await reader.countedFigures<T>(name);
        await between?.();
        return answer;
      },
    };
    counted = await readCountedFiguresRemembered(watched, NAME);
  };
  expect(await readFirstWithoutDexie(read)).toBe(true);
  return counted!;
}

beforeEach(async () => {
  firstAnswers.clear();
  freshDatabase('counted-first');
  await saveRecord('servicePoint', null, {
    ...newServicePointFields('2026-03-01'),
    regionCode: '330127101201',
    name: '下姜村',
  });
});

describe('kept figures read first without Dexie', () => {
  it('answer what Dexie reads, and Dexie then answers the same value object', async () => {
    await keep({ lat: new Float64Array([29.6, 29.7]), names: '下姜村枫树岭' });
    const first = await readFirst();
    const dexie = await readCountedFigures<unknown>(NAME);
    expect(first.kept).toEqual(dexie.kept);
    expect(first.stamp).toBe(dexie.stamp);
    // Not a second copy out of IndexedDB: the value the first read took.
    expect(dexie.kept?.value).toBe(first.kept?.value);
    // The hooks start from the same answer (firstAnswers.ts).
    expect(firstAnswers.get(`counted:${NAME}`)).toBe(first);
  });

  it('a write between the reads: Dexie reads the new value, not the one read first', async () => {
    await keep({ version: 1 });
    const first = await readFirst(() => keep({ version: 2 }));
    expect(first.kept?.value).toEqual({ version: 1 });
    const dexie = await readCountedFigures<unknown>(NAME);
    expect(dexie.kept?.value).toEqual({ version: 2 });
  });

  it('a later write: Dexie reads the new value', async () => {
    await keep({ version: 1 });
    await readFirst();
    await keep({ version: 3 });
    expect((await readCountedFigures<unknown>(NAME)).kept?.value).toEqual({ version: 3 });
  });

  it('nothing kept: nothing remembered, nothing answered', async () => {
    const first = await readFirst();
    expect(first.kept).toBeNull();
    expect((await readCountedFigures<unknown>(NAME)).kept).toBeNull();
  });
});
