/**
 * A configured base map (./baseLayers.ts) as a react-leaflet tile layer that reports whether its
 * tiles arrive. Offline, or with the provider unreachable, tiles fail one by one and Leaflet shows
 * grey squares without a word; the map screen turns the status into a sentence and keeps drawing
 * its vector layers, which need no tiles.
 */
import { useMemo, useRef } from 'react';
import { TileLayer } from 'react-leaflet';
import type { BaseLayerConfig } from './baseLayers';

/**
 * idle: nothing asked yet; ok: every tile of the last load arrived; partial: some failed;
 * failed: none arrived (offline and not cached, or the provider is unreachable).
 */
export type TileStatus = 'idle' | 'ok' | 'partial' | 'failed';

export interface BaseTileLayerProps {
  layer: BaseLayerConfig;
  onStatus: (status: TileStatus) => void;
}

export function BaseTileLayer({ layer, onStatus }: BaseTileLayerProps) {
  const counts = useRef({ loaded: 0, failed: 0, last: 'idle' as TileStatus });
  const handlers = useMemo(() => {
    const report = () => {
      const { loaded, failed } = counts.current;
      const status: TileStatus = failed === 0 ? 'ok' : loaded === 0 ? 'failed' : 'partial';
      if (status !== counts.current.last) {
        counts.current.last = status;
        onStatus(status);
      }
    };
    return {
      // A new batch of tiles (pan, zoom): judge it on its own, so coming back online clears
      // the message with the next batch.
      loading: () => {
        counts.current.loaded = 0;
        counts.current.failed = 0;
      },
      tileload: () => {
        counts.current.loaded += 1;
        report();
      },
      tileerror: () => {
        counts.current.failed += 1;
        report();
      },
    };
  }, [onStatus]);

  return (
    <TileLayer
      url={layer.url}
      subdomains={layer.subdomains ?? 'abc'}
      attribution={layer.attribution}
      minZoom={layer.minZoom}
      maxZoom={layer.maxZoom}
      // No errorTileUrl: Leaflet reports the replacement image as a loaded tile, which would
      // hide the failure this component exists to report.
      eventHandlers={handlers}
    />
  );
}
