// The cluster worker's protocol, run through the same-thread implementation (the very handler the
// worker runs): a map that is panned or refiltered faster than the index answers must draw the
// latest view of the latest data only, and a tap on a cluster of replaced data must not be
// answered from the new data (another cluster with the same id).
import { describe, expect, it } from 'vitest';
import { ClusterHub, ClusterIndexClient } from './clusterClient';
import { toDisplay } from './datum';
import {
  CLUSTER_MAX_ZOOM,
  createClusterHandler,
  packPoints,
  type BBox,
  type ClusterAnswer,
  type ClusterFeature,
  type ClusterRequest,
} from './clusterIndex';

const WORLD: BBox = [-180, -85, 180, 85];
const RADIUS = 44;

function grid(n: number): { lat: number; lng: number; category: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    lat: 29.4 + (i % 50) / 50,
    lng: 119.1 + Math.floor(i / 50) / 50,
    category: i % 3 === 0 ? 'closed' : 'open',
  }));
}

function total(features: ClusterFeature[]): number {
  return features.reduce((sum, f) => sum + (f.kind === 'cluster' ? f.count : 1), 0);
}

function client(): ClusterIndexClient {
  return new ClusterIndexClient(new ClusterHub(null));
}

describe('packPoints', () => {
  it('packs positions into typed arrays and categories into a small list', () => {
    const packed = packPoints([
      { lat: 1, lng: 2, category: 'open' },
      { lat: 3, lng: 4, category: 'closed' },
      { lat: 5, lng: 6, category: 'open' },
    ]);
    expect([...packed.lat]).toEqual([1, 3, 5]);
    expect([...packed.lng]).toEqual([2, 4, 6]);
    expect(packed.categories).toEqual(['open', 'closed']);
    expect([...packed.category]).toEqual([0, 1, 0]);
  });
});

describe('the cluster index protocol (same-thread)', () => {
  it('counts every point once per zoom, per category', async () => {
    const c = client();
    expect(await c.load(packPoints(grid(1000)), RADIUS)).toBe(true);
    for (const zoom of [6, 9, 12, CLUSTER_MAX_ZOOM + 1]) {
      const features = (await c.clusters(WORLD, zoom))!;
      expect(total(features)).toBe(1000);
      let closed = 0;
      for (const f of features) {
        if (f.kind === 'cluster') {
          expect(Object.values(f.counts).reduce((a, b) => a + b, 0)).toBe(f.count);
          closed += f.counts.closed ?? 0;
        } else if (f.i % 3 === 0) closed += 1;
      }
      expect(closed).toBe(334);
    }
  });

  it('drops the answer to a view that a newer view overtook', async () => {
    const c = client();
    await c.load(packPoints(grid(1000)), RADIUS);
    const older = c.clusters(WORLD, 8);
    const newer = c.clusters(WORLD, 12);
    expect(await older).toBeNull();
    const features = await newer;
    expect(features).not.toBeNull();
    expect(total(features!)).toBe(1000);
  });

  it('drops a view of the old items once new items are loaded, and draws the new ones', async () => {
    const c = client();
    void c.load(packPoints(grid(1000)), RADIUS);
    const ofOld = c.clusters(WORLD, 10);
    const loaded = c.load(packPoints(grid(10)), RADIUS);
    const ofNew = c.clusters(WORLD, 10);
    expect(await ofOld).toBeNull();
    expect(await loaded).toBe(true);
    expect(total((await ofNew)!)).toBe(10);
  });

  it('lists the leaves of a cluster at one position and says it splits beyond the cluster zoom', async () => {
    const c = client();
    const same = [0, 1, 2, 3].map(() => ({ lat: 29.9, lng: 119.6, category: 'open' }));
    await c.load(packPoints([{ lat: 30.5, lng: 120.5, category: 'closed' }, ...same]), RADIUS);
    const generation = c.generation;
    const features = (await c.clusters(WORLD, 15))!;
    const cluster = features.find((f) => f.kind === 'cluster');
    expect(cluster?.kind).toBe('cluster');
    if (cluster?.kind !== 'cluster') return;
    expect(cluster.count).toBe(4);
    expect(await c.expansionZoom(cluster.id, generation)).toBeGreaterThan(CLUSTER_MAX_ZOOM);
    const leaves = (await c.leaves(cluster.id, 3, generation))!;
    expect(leaves).toHaveLength(3);
    for (const leaf of leaves) {
      expect(leaf.i).toBeGreaterThanOrEqual(1);
      // supercluster hands back its own projection of the position, to within a nanodegree.
      expect(leaf.lat).toBeCloseTo(29.9, 9);
      expect(leaf.lng).toBeCloseTo(119.6, 9);
      expect([leaf.lat, leaf.lng]).toEqual([leaves[0]!.lat, leaves[0]!.lng]);
    }
  });

  it('answers a zoom to split merely close points into', async () => {
    const c = client();
    await c.load(
      packPoints([0, 1].map((i) => ({ lat: 29.9 + i * 0.0001, lng: 119.6, category: 'open' }))),
      RADIUS,
    );
    const [cluster] = (await c.clusters(WORLD, 10))!;
    expect(cluster?.kind).toBe('cluster');
    if (cluster?.kind !== 'cluster') return;
    expect(await c.expansionZoom(cluster.id, c.generation)).toBeGreaterThan(10);
    const leaves = (await c.leaves(cluster.id, 10, c.generation))!;
    expect(leaves.map((leaf) => leaf.i).sort()).toEqual([0, 1]);
    expect(leaves[0]!.lat).not.toBe(leaves[1]!.lat);
  });

  it('never answers a tap on a cluster of replaced items from the new items', async () => {
    const c = client();
    await c.load(packPoints(grid(1000)), RADIUS);
    const old = c.generation;
    const cluster = (await c.clusters(WORLD, 8))!.find((f) => f.kind === 'cluster');
    if (cluster?.kind !== 'cluster') throw new Error('expected a cluster');
    // Asked before the new items arrive, answered after: dropped.
    const asked = c.expansionZoom(cluster.id, old);
    await c.load(packPoints(grid(1000)), RADIUS);
    expect(await asked).toBeNull();
    // Asked after: not even sent.
    expect(await c.leaves(cluster.id, 10, old)).toBeNull();
  });

  it('keeps one index per layer and frees it on drop', async () => {
    const hub = new ClusterHub(null);
    const a = new ClusterIndexClient(hub);
    const b = new ClusterIndexClient(hub);
    await a.load(packPoints(grid(100)), RADIUS);
    await b.load(packPoints(grid(7)), RADIUS);
    expect(total((await a.clusters(WORLD, 10))!)).toBe(100);
    expect(total((await b.clusters(WORLD, 10))!)).toBe(7);
    const pending = a.clusters(WORLD, 11);
    a.drop();
    expect(await pending).toBeNull();
    expect(total((await b.clusters(WORLD, 11))!)).toBe(7);
  });

  it('answers null, not another index, for a generation the worker does not hold', () => {
    const handle = createClusterHandler();
    handle({
      id: 1,
      layer: 1,
      type: 'load',
      generation: 2,
      points: packPoints(grid(5)),
      radius: 44,
    });
    expect(
      handle({ id: 2, layer: 1, type: 'clusters', generation: 1, bbox: WORLD, zoom: 5 }),
    ).toEqual({ id: 2, result: null });
    expect(
      handle({ id: 3, layer: 2, type: 'clusters', generation: 2, bbox: WORLD, zoom: 5 }),
    ).toEqual({ id: 3, result: null });
    const answer = handle({
      id: 4,
      layer: 1,
      type: 'leaves',
      generation: 2,
      cluster: 999999,
      limit: 5,
    });
    expect(answer).toMatchObject({ id: 4, error: expect.stringMatching(/cluster/i) as string });
  });

  it('runs on the main thread when the worker cannot start', async () => {
    const hub = new ClusterHub(() => {
      throw new Error('Worker refused');
    });
    expect(hub.inWorker).toBe(false);
    const c = new ClusterIndexClient(hub);
    await c.load(packPoints(grid(20)), RADIUS);
    expect(total((await c.clusters(WORLD, 10))!)).toBe(20);
  });
});

/**
 * A worker's message path for jsdom, which has no Worker: the requests are cloned as postMessage
 * clones them and answered by the very handler the worker runs, a task later. It records what it
 * was asked, so a test can tell an adopted index from one built twice.
 */
function recordingWorker(asked: ClusterRequest['type'][]): () => Worker {
  return () => {
    const handle = createClusterHandler();
    const worker = {
      onmessage: null as ((event: MessageEvent<ClusterAnswer>) => void) | null,
      onerror: null,
      onmessageerror: null,
      postMessage(request: ClusterRequest) {
        asked.push(request.type);
        const copy = structuredClone(request);
        setTimeout(() => worker.onmessage?.({ data: handle(copy) } as MessageEvent<ClusterAnswer>));
      },
      terminate() {},
    };
    return worker as unknown as Worker;
  };
}

describe('an index prepared before its layer (the first view of the map)', () => {
  it('is adopted by the first layer whose first load has the very same points', async () => {
    const asked: ClusterRequest['type'][] = [];
    const hub = new ClusterHub(recordingWorker(asked));
    expect(hub.inWorker).toBe(true);
    hub.prepare(packPoints(grid(500)), RADIUS);
    const c = new ClusterIndexClient(hub);
    // Packed again from the same items, as the layer does: equal, not the same arrays.
    expect(await c.load(packPoints(grid(500)), RADIUS)).toBe(true);
    expect(total((await c.clusters(WORLD, 10))!)).toBe(500);
    // Built once: the layer's load was the prepared one.
    expect(asked).toEqual(['load', 'clusters']);
    // Later loads of that layer replace the adopted index as any other.
    expect(await c.load(packPoints(grid(40)), RADIUS)).toBe(true);
    expect(total((await c.clusters(WORLD, 10))!)).toBe(40);
    const old = c.generation - 1;
    expect(await c.expansionZoom(1, old)).toBeNull();
  });

  it('is dropped when the first load differs (other points, categories or radius), which builds its own', async () => {
    for (const [points, radius] of [
      [packPoints(grid(499)), RADIUS],
      [packPoints(grid(500).map((p) => ({ ...p, category: 'open' }))), RADIUS],
      [packPoints(grid(500).map((p, i) => (i === 250 ? { ...p, lat: p.lat + 1e-9 } : p))), RADIUS],
      [packPoints(grid(500)), RADIUS + 1],
      // The same stored positions, to be shown in another datum.
      [packPoints(grid(500), 'GCJ02'), RADIUS],
    ] as const) {
      const asked: ClusterRequest['type'][] = [];
      const hub = new ClusterHub(recordingWorker(asked));
      hub.prepare(packPoints(grid(500)), RADIUS);
      const c = new ClusterIndexClient(hub);
      const count = points.lat.length;
      expect(await c.load(points, radius)).toBe(true);
      expect(total((await c.clusters(WORLD, 10))!)).toBe(count);
      expect(asked).toEqual(['load', 'drop', 'load', 'clusters']);
      // And a second layer does not find it either.
      const d = new ClusterIndexClient(hub);
      expect(await d.load(packPoints(grid(500)), RADIUS)).toBe(true);
      expect(asked.slice(4)).toEqual(['load']);
    }
  });

  it('is adopted once: a second layer with the same points builds its own', async () => {
    const hub = new ClusterHub(null);
    hub.prepare(packPoints(grid(300)), RADIUS);
    const a = new ClusterIndexClient(hub);
    const b = new ClusterIndexClient(hub);
    expect(await a.load(packPoints(grid(300)), RADIUS)).toBe(true);
    expect(await b.load(packPoints(grid(300)), RADIUS)).toBe(true);
    // Two indexes: dropping one leaves the other.
    a.drop();
    expect(total((await b.clusters(WORLD, 10))!)).toBe(300);
    expect(await a.clusters(WORLD, 10)).toBeNull();
  });

  it('is replaced by a newer preparation (the older one freed)', async () => {
    const asked: ClusterRequest['type'][] = [];
    const hub = new ClusterHub(recordingWorker(asked));
    hub.prepare(packPoints(grid(100)), RADIUS);
    hub.prepare(packPoints(grid(200)), RADIUS);
    const c = new ClusterIndexClient(hub);
    expect(await c.load(packPoints(grid(200)), RADIUS)).toBe(true);
    expect(total((await c.clusters(WORLD, 10))!)).toBe(200);
    expect(asked).toEqual(['load', 'drop', 'load', 'clusters']);
  });
});

describe('stored positions converted for the base map by the index (PackedPoints.display)', () => {
  it('answers what an index of positions converted beforehand answers, through the worker path', async () => {
    // Points of 淳安县 (WGS-84), shown on a GCJ-02 base map (AMap, Tencent).
    const stored = grid(800);
    const converted = stored.map((p) => ({ ...toDisplay(p, 'GCJ02'), category: p.category }));
    const inWorker = new ClusterIndexClient(new ClusterHub(recordingWorker([])));
    const onMain = client();
    expect(await inWorker.load(packPoints(stored, 'GCJ02'), RADIUS)).toBe(true);
    expect(await onMain.load(packPoints(converted), RADIUS)).toBe(true);
    for (const zoom of [8, 10, 12, CLUSTER_MAX_ZOOM + 1]) {
      expect(await inWorker.clusters(WORLD, zoom)).toEqual(await onMain.clusters(WORLD, zoom));
    }
    // The offset is real here (~0.5 km in eastern China): not an answer of unconverted points.
    const raw = client();
    await raw.load(packPoints(stored), RADIUS);
    expect(await inWorker.clusters(WORLD, CLUSTER_MAX_ZOOM + 1)).not.toEqual(
      await raw.clusters(WORLD, CLUSTER_MAX_ZOOM + 1),
    );
  });

  it('packs WGS-84 as it is: nothing to convert', () => {
    expect(packPoints(grid(3), 'WGS84').display).toBeUndefined();
    expect(packPoints(grid(3), 'BD09').display).toBe('BD09');
  });
});
