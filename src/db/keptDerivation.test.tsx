/**
 * useKeptDerivation: a value derived from every record is kept with the records' stamp, read back
 * on the next start instead of deriving again, derived again when a record changes or the inputs
 * do, and keeps its identity when its own result comes back from the kept row (a map would
 * otherwise cluster 10,000 points twice). Real IndexedDB semantics (fake-indexeddb).
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveRecord } from '../actions';
import { newServicePointFields } from '../domain/servicePoint';
import type { EntityRecord } from '../domain/entities';
import { readCountedFigures, readRecordsStamp, useKeptDerivation } from './index';
import { freshDatabase } from '../test-support/database';

beforeEach(() => {
  freshDatabase('kept-derivation');
});

const ENTITIES = ['servicePoint'] as const;
let derivations = 0;
const names = (records: { servicePoint: EntityRecord<'servicePoint'>[] }) => {
  derivations += 1;
  return records.servicePoint.map((p) => p.name).sort();
};
const CODEC = {
  store: (value: string[]) => JSON.stringify(value),
  restore: (stored: unknown) => JSON.parse(stored as string) as string[],
};

async function addPoint(name: string) {
  await saveRecord('servicePoint', null, {
    ...newServicePointFields('2026-03-01'),
    regionCode: '330127101201',
    name,
  });
}

async function keptAtCurrentStamp(): Promise<boolean> {
  const counted = await readCountedFigures('names');
  return counted.kept !== null && counted.kept.stamp === (await readRecordsStamp());
}

describe('useKeptDerivation', () => {
  it('derives once, keeps the result, and reads it back on the next start', async () => {
    await addPoint('东村服务点');
    await addPoint('西村服务点');
    derivations = 0;
    const first = renderHook(() => useKeptDerivation('names', ENTITIES, 'v1', names, CODEC));
    await waitFor(() => expect(first.result.current.value).toEqual(['东村服务点', '西村服务点']));
    expect(derivations).toBe(1);
    const shown = first.result.current.value;
    await waitFor(async () => expect(await keptAtCurrentStamp()).toBe(true));
    // Its own result read back from the kept row: the same object, not a copy.
    await waitFor(() => expect(first.result.current.stale).toBe(false));
    expect(first.result.current.value).toBe(shown);
    first.unmount();

    // A cold start: the kept row, no records read, nothing derived.
    const second = renderHook(() => useKeptDerivation('names', ENTITIES, 'v1', names, CODEC));
    await waitFor(() => expect(second.result.current.value).toEqual(['东村服务点', '西村服务点']));
    expect(second.result.current.stale).toBe(false);
    expect(derivations).toBe(1);
    second.unmount();
  });

  it('derives again when a record changes, and when the inputs change', async () => {
    await addPoint('东村服务点');
    derivations = 0;
    const hook = renderHook(
      ({ inputs }) => useKeptDerivation('names', ENTITIES, inputs, names, CODEC),
      { initialProps: { inputs: 'v1' } },
    );
    await waitFor(() => expect(hook.result.current.value).toEqual(['东村服务点']));
    await act(async () => addPoint('南村服务点'));
    await waitFor(() => expect(hook.result.current.value).toEqual(['东村服务点', '南村服务点']));
    const afterWrite = derivations;
    expect(afterWrite).toBeGreaterThanOrEqual(2);
    await waitFor(async () => expect(await keptAtCurrentStamp()).toBe(true));

    hook.rerender({ inputs: 'v2' });
    await waitFor(() => expect(derivations).toBe(afterWrite + 1));
    await waitFor(async () => {
      const counted = await readCountedFigures('names');
      expect(counted.kept?.inputs).toBe('v2');
    });
    hook.unmount();
  });

  it('waits without deriving while `derive` is not ready (what it needs is loading)', async () => {
    await addPoint('东村服务点');
    derivations = 0;
    const hook = renderHook(
      ({ ready }) => useKeptDerivation('names', ENTITIES, 'v1', ready ? names : null, CODEC),
      { initialProps: { ready: false } },
    );
    await waitFor(() => expect(hook.result.current.stale).toBe(true));
    expect(hook.result.current.value).toBeUndefined();
    expect(derivations).toBe(0);
    hook.rerender({ ready: true });
    await waitFor(() => expect(hook.result.current.value).toEqual(['东村服务点']));
    hook.unmount();
  });
});
