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

export class ClusterHub {
  private nextId = 1;
  private nextLayer = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | null = null;
  private local: ((request: ClusterRequest) => ClusterAnswer) | null = null;

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
  private readonly layer: number;
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
