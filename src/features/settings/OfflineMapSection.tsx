/**
 * 离线底图 in settings: download the base-map tiles of one's township or county ahead of time,
 * for the zooms the officer picks, so the map shows its base map in a village with no signal
 * (docs/MAP.md, "Offline base map"). The count and size are shown before anything is fetched, a
 * download above the cap is refused in words, it runs with a progress bar and can be cancelled
 * (what was stored stays; downloading again continues), and one button deletes it all.
 *
 * Areas come from what the phone already holds: a county's box from its outline, a township's
 * from its located service points (no township outlines are bundled) padded by 2 km. Loaded
 * lazily by the settings screen: none of this is in the first chunk.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatBytes, formatDate, formatNumber, useT } from '../../i18n';
import { useRegions } from '../../regions';
import { useRecords, useSession } from '../../db';
import type { Scope } from '../../domain/protocol';
import { BASE_LAYERS, OFFLINE_TILES, readSavedBaseLayer } from '../../map/baseLayers';
import {
  boxAround,
  defaultZooms,
  estimateDownload,
  padBox,
  tileRanges,
  type GeoBox,
} from '../../map/offlineTiles';
import { outlineBounds, useOutlines } from '../../map/outlines';
import {
  countStoredTiles,
  deleteStoredTiles,
  downloadTiles,
  offlineTilesSupported,
  readStoredAreas,
  recordStoredArea,
  storedAreaKey,
  tilesStoredElsewhere,
  type DownloadOutcome,
  type DownloadProgress,
  type StoredArea,
} from '../../map/tileDownload';
import { Banner, Button, Card, ProgressBar } from '../../ui';
import '../shared/sync.css';
import './offlineMap.css';
import { isWholeArea } from '../../domain/levels';

/** Around a township's points: villages reach beyond the outermost point. */
const TOWNSHIP_PADDING_M = 2000;

interface AreaOption {
  code: string;
  kind: 'township' | 'county';
  name: string;
  box: GeoBox;
}

const OFFLINE_LAYERS = BASE_LAYERS.filter((layer) => layer.offline);
const NOT_OFFLINE_LAYERS = BASE_LAYERS.filter((layer) => !layer.offline);

/** The areas of the user's scope that the phone can draw a box for. */
function useAreaOptions(scope: Scope | null): AreaOption[] | null {
  const regions = useRegions();
  const outlines = useOutlines();
  const points = useRecords('servicePoint');
  return useMemo(() => {
    if (regions.status !== 'ready' || outlines.status === 'loading' || points === undefined) {
      return null;
    }
    const index = regions.regions;
    const options: AreaOption[] = [];
    const townshipCodes =
      scope?.level === 'township'
        ? [scope.code]
        : scope?.level === 'county'
          ? index.townshipsOf(scope.code).map((t) => t.code)
          : [];
    for (const code of townshipCodes) {
      const located = points
        .filter((p) => !p.deleted && p.location && p.regionCode.startsWith(code))
        .map((p) => p.location!);
      const box = boxAround(located, 'WGS84');
      const name = index.township(code)?.name;
      if (box && name) {
        options.push({ code, kind: 'township', name, box: padBox(box, TOWNSHIP_PADDING_M) });
      }
    }
    if (outlines.status === 'ready') {
      const countyCodes =
        scope && !isWholeArea(scope) && scope.code.length >= 6
          ? [scope.code.slice(0, 6)]
          : index.counties.map((c) => c.code);
      for (const code of countyCodes) {
        const bounds = outlineBounds(outlines.outlines.outlines.filter((o) => o.code === code));
        const name = index.county(code)?.name;
        if (!bounds || !name) continue;
        const [[south, west], [north, east]] = bounds;
        options.push({
          code,
          kind: 'county',
          name,
          box: { south, west, north, east, datum: outlines.outlines.datum },
        });
      }
    }
    return options;
  }, [regions, outlines, points, scope]);
}

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: DownloadProgress }
  | { kind: 'done'; outcome: DownloadOutcome }
  | { kind: 'error'; reason: string }
  | { kind: 'confirmDelete' }
  | { kind: 'deleted' };

function zoomRange(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export default function OfflineMapSection() {
  const t = useT();
  const session = useSession();
  const options = useAreaOptions(session?.user.scope ?? null);
  const [layerId, setLayerId] = useState(() => {
    const saved = readSavedBaseLayer();
    return OFFLINE_LAYERS.some((l) => l.id === saved) ? saved : (OFFLINE_LAYERS[0]?.id ?? '');
  });
  const [areaCode, setAreaCode] = useState<string | null>(null);
  const [zooms, setZooms] = useState<{ min: number; max: number } | null>(null);
  const [stored, setStored] = useState<number | null>(null);
  const [areas, setAreas] = useState<StoredArea[]>(() => readStoredAreas());
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const supported = offlineTilesSupported();

  const layer = OFFLINE_LAYERS.find((l) => l.id === layerId) ?? OFFLINE_LAYERS[0];
  const area = options?.find((o) => o.code === areaCode) ?? options?.[0] ?? null;
  const zoom = zooms ?? (area ? defaultZooms(area.kind) : null);

  const refreshStored = async () => {
    setStored(await countStoredTiles());
    setAreas(readStoredAreas());
  };

  useEffect(() => {
    if (!supported) return;
    let cancelled = false;
    void countStoredTiles().then((n) => !cancelled && setStored(n));
    return () => {
      cancelled = true;
      abort.current?.abort();
    };
  }, [supported]);

  const ranges = useMemo(
    () =>
      layer && area && zoom && zoom.min <= zoom.max
        ? tileRanges(area.box, zoom.min, zoom.max, layer.datum)
        : [],
    [layer, area, zoom],
  );
  const key = layer && area && zoom ? storedAreaKey(layer.id, area.code, zoom.min, zoom.max) : '';
  const elsewhere = tilesStoredElsewhere(stored ?? 0, areas, key);
  const estimate = layer ? estimateDownload(layer, ranges, elsewhere) : null;
  const running = run.kind === 'running';

  async function download() {
    if (!layer || !area || !zoom || !estimate?.allowed) return;
    const controller = new AbortController();
    abort.current = controller;
    setRun({ kind: 'running', progress: { ...emptyProgress, total: estimate.tiles } });
    try {
      const outcome = await downloadTiles(layer, ranges, {
        signal: controller.signal,
        onProgress: (progress) => setRun({ kind: 'running', progress }),
      });
      const earlier = readStoredAreas().find((a) => a.key === key);
      if (outcome.progress.stored + outcome.progress.skipped > 0) {
        recordStoredArea({
          key,
          layerId: layer.id,
          areaName: area.name,
          minZoom: zoom.min,
          maxZoom: zoom.max,
          tiles: outcome.progress.stored + outcome.progress.skipped,
          bytes: (earlier?.bytes ?? 0) + outcome.progress.bytes,
          at: new Date().toISOString(),
        });
      }
      if (!controller.signal.aborted || outcome.kind === 'cancelled') {
        setRun({ kind: 'done', outcome });
      }
    } catch (error) {
      setRun({ kind: 'error', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      abort.current = null;
      await refreshStored();
    }
  }

  async function remove() {
    await deleteStoredTiles();
    setRun({ kind: 'deleted' });
    await refreshStored();
  }

  const storedBytes = areas.reduce((sum, a) => sum + a.bytes, 0);
  const layerName = (id: string) => {
    const l = BASE_LAYERS.find((b) => b.id === id);
    return l ? t(l.labelKey) : id;
  };

  return (
    <Card title={t('offline.tiles.heading')}>
      <div className="offline-map">
        <p>{t('offline.tiles.intro')}</p>
        {NOT_OFFLINE_LAYERS.length > 0 && (
          <p className="muted">
            {t('offline.tiles.notAllowed', {
              names: NOT_OFFLINE_LAYERS.map((l) => t(l.labelKey)).join('、'),
            })}
          </p>
        )}
        {!supported || !layer ? (
          <p className="muted">{t('offline.tiles.unsupported')}</p>
        ) : (
          <>
            <div className="offline-map__fields">
              <label className="field offline-map__field">
                <span className="field__label">{t('offline.tiles.layer')}</span>
                <select
                  value={layer.id}
                  disabled={running}
                  onChange={(e) => setLayerId(e.target.value)}
                >
                  {OFFLINE_LAYERS.map((l) => (
                    <option key={l.id} value={l.id}>
                      {t(l.labelKey)}
                    </option>
                  ))}
                </select>
              </label>
              {options && options.length === 0 && (
                <p className="muted">{t('offline.tiles.noArea')}</p>
              )}
              {area && options && (
                <label className="field offline-map__field">
                  <span className="field__label">{t('offline.tiles.area')}</span>
                  <select
                    value={area.code}
                    disabled={running}
                    onChange={(e) => {
                      setAreaCode(e.target.value);
                      setZooms(null);
                    }}
                  >
                    {options.map((o) => (
                      <option key={o.code} value={o.code}>
                        {t(
                          o.kind === 'township'
                            ? 'offline.tiles.areaTownship'
                            : 'offline.tiles.areaCounty',
                          { name: o.name },
                        )}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {zoom && (
                <div className="offline-map__zooms">
                  <ZoomSelect
                    label={t('offline.tiles.minZoom')}
                    value={zoom.min}
                    zooms={zoomRange(layer.minZoom, layer.maxZoom)}
                    disabled={running}
                    onPick={(min) => setZooms({ min, max: Math.max(min, zoom.max) })}
                  />
                  <ZoomSelect
                    label={t('offline.tiles.maxZoom')}
                    value={zoom.max}
                    zooms={zoomRange(layer.minZoom, layer.maxZoom)}
                    disabled={running}
                    onPick={(max) => setZooms({ min: Math.min(zoom.min, max), max })}
                  />
                </div>
              )}
              {zoom && <p className="muted">{t('offline.tiles.zoomHint')}</p>}
            </div>

            {estimate && area && (
              <p className="offline-map__estimate" data-testid="tile-estimate">
                {t('offline.tiles.estimate', {
                  tiles: formatNumber(estimate.tiles),
                  size: formatBytes(estimate.bytes),
                })}
              </p>
            )}
            {estimate?.refusal === 'tooMany' && (
              <Banner tone="warning">
                <p>
                  {t('offline.tiles.tooMany', {
                    max: formatNumber(OFFLINE_TILES.maxTiles),
                    stored: formatNumber(elsewhere),
                  })}
                </p>
              </Banner>
            )}

            {running ? (
              <div className="offline-map__progress">
                <ProgressBar
                  label={t('offline.tiles.progressLabel')}
                  value={run.progress.done}
                  max={run.progress.total}
                  valueText={t('offline.tiles.progress', {
                    done: formatNumber(run.progress.done),
                    total: formatNumber(run.progress.total),
                  })}
                />
                <p role="status">
                  {t('offline.tiles.progress', {
                    done: formatNumber(run.progress.done),
                    total: formatNumber(run.progress.total),
                  })}
                </p>
                <Button variant="secondary" onClick={() => abort.current?.abort()}>
                  {t('offline.tiles.cancel')}
                </Button>
              </div>
            ) : (
              <Button
                icon="download"
                disabled={!estimate?.allowed || !area}
                onClick={() => void download()}
              >
                {t('offline.tiles.download')}
              </Button>
            )}
            <p className="muted">
              {t('offline.tiles.terms', {
                name: t(layer.labelKey),
                max: formatNumber(OFFLINE_TILES.maxTiles),
              })}
            </p>

            <RunMessage run={run} />

            <div className="offline-map__stored">
              {stored === null ? null : stored === 0 ? (
                <p className="muted" data-testid="tiles-stored">
                  {t('offline.tiles.none')}
                </p>
              ) : (
                <>
                  <p data-testid="tiles-stored">
                    {t('offline.tiles.stored', {
                      tiles: formatNumber(stored),
                      size: formatBytes(storedBytes),
                    })}
                  </p>
                  <ul className="offline-map__areas">
                    {areas.map((a) => (
                      <li key={a.key}>
                        {t('offline.tiles.storedArea', {
                          area: a.areaName,
                          layer: layerName(a.layerId),
                          min: a.minZoom,
                          max: a.maxZoom,
                          date: formatDate(a.at.slice(0, 10)),
                        })}
                      </li>
                    ))}
                  </ul>
                  {areas[0] && (
                    <p className="muted">
                      {t('offline.tiles.useLayer', { name: layerName(areas[0].layerId) })}
                    </p>
                  )}
                  {run.kind === 'confirmDelete' ? (
                    <>
                      <p>{t('offline.tiles.deleteConfirm', { tiles: formatNumber(stored) })}</p>
                      <div className="sync-actions">
                        <Button variant="danger" onClick={() => void remove()}>
                          {t('offline.tiles.deleteConfirmAction')}
                        </Button>
                        <Button variant="secondary" onClick={() => setRun({ kind: 'idle' })}>
                          {t('offline.tiles.keep')}
                        </Button>
                      </div>
                    </>
                  ) : (
                    <Button
                      variant="secondary"
                      disabled={running}
                      onClick={() => setRun({ kind: 'confirmDelete' })}
                    >
                      {t('offline.tiles.delete')}
                    </Button>
                  )}
                </>
              )}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

const emptyProgress: DownloadProgress = {
  total: 0,
  done: 0,
  stored: 0,
  skipped: 0,
  failed: 0,
  bytes: 0,
};

function RunMessage({ run }: { run: RunState }) {
  const t = useT();
  if (run.kind === 'deleted') {
    return (
      <p className="status-line status-line--good" role="status">
        {t('offline.tiles.deleted')}
      </p>
    );
  }
  if (run.kind === 'error') {
    return <Banner tone="error">{t('offline.tiles.failed', { reason: run.reason })}</Banner>;
  }
  if (run.kind !== 'done') return null;
  const { kind, progress } = run.outcome;
  const stored = formatNumber(progress.stored + progress.skipped);
  if (kind === 'complete' && progress.failed === 0) {
    return (
      <p className="status-line status-line--good" role="status">
        {t('offline.tiles.complete', {
          stored: formatNumber(progress.stored),
          skipped: formatNumber(progress.skipped),
        })}
      </p>
    );
  }
  const text =
    kind === 'complete'
      ? t('offline.tiles.completeFailed', { failed: formatNumber(progress.failed) })
      : kind === 'cancelled'
        ? t('offline.tiles.cancelled', { stored })
        : kind === 'offline'
          ? t('offline.tiles.offlineStop', { stored })
          : t('offline.tiles.storageFull', { stored });
  return (
    <Banner tone="warning">
      <p role="status">{text}</p>
    </Banner>
  );
}

/** One end of the zoom range to download: a labelled select of the layer's zoom levels. */
function ZoomSelect({
  label,
  value,
  zooms,
  disabled,
  onPick,
}: {
  label: string;
  value: number;
  zooms: readonly number[];
  disabled: boolean;
  onPick: (zoom: number) => void;
}) {
  return (
    <label className="field offline-map__field">
      <span className="field__label">{label}</span>
      <select value={value} disabled={disabled} onChange={(e) => onPick(Number(e.target.value))}>
        {zooms.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </label>
  );
}
