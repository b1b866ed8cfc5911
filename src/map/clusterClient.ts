/**
 * The main thread's side of the cluster index (./clusterIndex.ts): one hub per page that owns the
 * worker (./cluster.worker.ts) and pairs answers with requests, and one client per cluster layer
 * that numbers its requests and drops answers that are no longer wanted.
 *
 * One shared worker rather than one per layer: the service points layer is rebuilt on every
 * filter change (src/features/map/ServicePointsLayer.tsx), and starting a worker (fetch, parse,
 * supercluster's own start) each time would cost more than the index it builds. Each layer has
 * its own index in the worker, freed by `drop` when the layer is removed.
 *
 * Where `Worker` does not exist (jsdom in the unit tests) or the worker fails to start (an old
 * browser, a refused script), the very same handler runs on the main thread, answering in a
 * microtask so the callers' code path is the same: asynchronous either way.
 */
import {
  createClusterHandler,
  type BBox,
  type ClusterAnswer,
  type ClusterFeature,
  type ClusterRequest,
  type ClusterResults,
  type Leaf,
  type PackedPoints,
} from './clusterIndex';

/** The worker stopped (failed to load, or a message it could not read): ask again. */
export class ClusterWorkerLostError extends Error {
  constructor() {
    super('The cluster worker stopped; the index is rebuilt on the main thread');
    this.name = 'ClusterWorkerLostError';
  }
}

type RequestOf<K extends ClusterRequest['type']> = Extract<ClusterRequest, { type: K }>;
type RequestBody<K extends ClusterRequest['type']> = Omit<RequestOf<K>, 'id'>;

interface Pending {
  resolve(answer: ClusterAnswer): void;
  reject(error: Error): void;
}

/** An index built ahead of its layer (ClusterHub.prepare), waiting for a layer to adopt it. */
interface Prepared {
  layer: number;
  generation: number;
  points: PackedPoints;
  radius: number;
  built: Promise<number | null>;
}

/** The same positions and categories, in the same order (a prepared index fits a layer). */
function samePoints(a: PackedPoints, b: PackedPoints): boolean {
  const n = a.lat.length;
  if (b.lat.length !== n || a.categories.length !== b.categories.length) return false;
  if (a.display !== b.display) return false;
  for (let c = 0; c < a.categories.length; c++) {
    if (a.categories[c] !== b.categories[c]) return false;
  }
  for (let i = 0; i < n; i++) {
    if (a.lat[i] !== b.lat[i] || a.lng[i] !== b.lng[i] || a.category[i] !== b.category[i]) {
      return false;
    }
  }
  return true;
}

export class ClusterHub {
  private nextId = 1;
  private nextLayer = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | null = null;
  private local: ((request: ClusterRequest) => ClusterAnswer) | null = null;
  private prepared: Prepared | null = null;

  /** `startWorker` null: the index runs on the main thread (tests, fallback). */
  constructor(startWorker: (() => Worker) | null) {
    if (startWorker) {
      try {
        const worker = startWorker();
        worker.onmessage = (event: MessageEvent<ClusterAnswer>) => this.deliver(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          this.lose();
        };
        worker.onmessageerror = () => this.lose();
        this.worker = worker;
      } catch {
        this.worker = null;
      }
    }
    if (!this.worker) this.local = createClusterHandler();
  }

  /** True when the index is built off the main thread. */
  get inWorker(): boolean {
    return this.worker !== null;
  }

  newLayer(): number {
    return this.nextLayer++;
  }

  /** Sends one request; resolves with its answer (null: stale), rejects on an error. */
  request<K extends ClusterRequest['type']>(
    body: RequestBody<K>,
    transfer: Transferable[] = [],
  ): Promise<ClusterResults[K] | null> {
    const id = this.nextId++;
    const request = { ...body, id } as ClusterRequest;
    const answered = new Promise<ClusterAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    if (this.worker) {
      this.worker.postMessage(request, transfer);
    } else {
      const handle = this.local!;
      void Promise.resolve().then(() => this.deliver(handle(request)));
    }
    return answered.then((answer) => {
      if ('error' in answer) throw new Error(answer.error);
      return answer.result as ClusterResults[K] | null;
    });
  }

  /**
   * Starts building an index for a layer that does not exist yet: the map's points, handed over
   * as soon as they are read, so the index is ready (or nearly) when Leaflet's map and its points
   * layer are (docs/PERFORMANCE.md, ninth session). The first layer whose first load has the very
   * same points and radius adopts it (`adopt`); any other first load drops it. The arrays are
   * copied, not transferred: the caller's stay usable, and they are what `adopt` compares with.
   */
  prepare(points: PackedPoints, radius: number): void {
    this.dropPrepared();
    const layer = this.newLayer();
    const generation = 1;
    const built = this.request<'load'>({ type: 'load', layer, generation, points, radius });
    // Nobody may ever adopt it (the user leaves first): its failure is not an unhandled one.
    built.catch(() => undefined);
    this.prepared = { layer, generation, points, radius, built };
  }

  /**
   * The prepared index, if it was built from these very points with this radius: the caller's
   * layer takes its layer number and generation and waits on `built` (the number of points
   * indexed; null if replaced), instead of loading the same points again. Else null, and the
   * prepared index is freed (it was a guess about the first view that turned out wrong).
   */
  adopt(
    points: PackedPoints,
    radius: number,
  ): { layer: number; generation: number; built: Promise<number | null> } | null {
    const prepared = this.prepared;
    if (!prepared) return null;
    if (prepared.radius !== radius || !samePoints(prepared.points, points)) {
      this.dropPrepared();
      return null;
    }
    this.prepared = null;
    // For the bench's timeline (bench/slow-phone.bench.ts prints the cundian:* marks).
    globalThis.performance?.mark?.('cundian:map-index-adopted');
    return { layer: prepared.layer, generation: prepared.generation, built: prepared.built };
  }

  private dropPrepared(): void {
    const prepared = this.prepared;
    if (!prepared) return;
    this.prepared = null;
    void this.request<'drop'>({ type: 'drop', layer: prepared.layer }).catch(() => undefined);
  }

  private deliver(answer: ClusterAnswer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    waiting.resolve(answer);
  }

  /** The worker is unusable: from now on the main thread answers; what was asked is lost. */
  private lose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.local = createClusterHandler();
    // A prepared index was the worker's: the main thread's handler has none.
    this.prepared = null;
    const lost = [...this.pending.values()];
    this.pending.clear();
    for (const waiting of lost) waiting.reject(new ClusterWorkerLostError());
  }
}

let shared: ClusterHub | null = null;

/** The page's hub, started with the first cluster layer (the worker only when a map is shown). */
export function sharedClusterHub(): ClusterHub {
  shared ??= new ClusterHub(
    typeof Worker === 'function'
      ? () => new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' })
      : null,
  );
  return shared;
}

/**
 * One layer's index. `generation` counts the loads: answers about an older index are null.
 * Views are numbered too: only the answer to the latest view request is kept (a pan that
 * finished before the previous redraw came back must not draw the previous view over it).
 */
export class ClusterIndexClient {
  private layer: number;
  private current = 0;
  private latestView = 0;
  private dropped = false;

  constructor(private readonly hub: ClusterHub = sharedClusterHub()) {
    this.layer = hub.newLayer();
  }

  /** The index the latest load builds (what a marker remembers to ask about its cluster). */
  get generation(): number {
    return this.current;
  }

  /**
   * Replaces the index. The arrays are transferred to the worker: `points` is unusable after.
   * Resolves true when this is still the latest index once built.
   */
  async load(points: PackedPoints, radius: number): Promise<boolean> {
    // The first load of a layer may find its index already built, or being built (prepare).
    const adopted = this.current === 0 ? this.hub.adopt(points, radius) : null;
    if (adopted) {
      // This client's own layer number was never used in the worker: nothing to free.
      this.layer = adopted.layer;
      this.current = adopted.generation;
      const count = await adopted.built;
      return count !== null && adopted.generation === this.current && !this.dropped;
    }
    const generation = ++this.current;
    const count = await this.hub.request<'load'>(
      { type: 'load', layer: this.layer, generation, points, radius },
      [points.lat.buffer, points.lng.buffer, points.category.buffer],
    );
    return count !== null && generation === this.current && !this.dropped;
  }

  /** The clusters and points in `bbox` at `zoom`; null when a newer view or index replaced it. */
  async clusters(bbox: BBox, zoom: number): Promise<ClusterFeature[] | null> {
    const view = ++this.latestView;
    const generation = this.current;
    const features = await this.hub.request<'clusters'>({
      type: 'clusters',
      layer: this.layer,
      generation,
      bbox,
      zoom,
    });
    if (this.dropped || view !== this.latestView || generation !== this.current) return null;
    return features;
  }

  /** The zoom at which a cluster of index `generation` splits; null if that index is gone. */
  async expansionZoom(cluster: number, generation: number): Promise<number | null> {
    if (generation !== this.current) return null;
    const zoom = await this.hub.request<'expansion'>({
      type: 'expansion',
      layer: this.layer,
      generation,
      cluster,
    });
    return this.dropped || generation !== this.current ? null : zoom;
  }

  /** Up to `limit` items of a cluster of index `generation`; null if that index is gone. */
  async leaves(cluster: number, limit: number, generation: number): Promise<Leaf[] | null> {
    if (generation !== this.current) return null;
    const leaves = await this.hub.request<'leaves'>({
      type: 'leaves',
      layer: this.layer,
      generation,
      cluster,
      limit,
    });
    return this.dropped || generation !== this.current ? null : leaves;
  }

  /** Frees the index; every answer still on its way is dropped. */
  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    void this.hub.request<'drop'>({ type: 'drop', layer: this.layer }).catch(() => undefined);
  }
}
