/**
 * The map itself (Leaflet, the layers: CoverageMap's lazy chunk) as a component that renders at
 * once when its chunk is already in: the map's reads load it before the screen's first render
 * (mapReads.ts), and through React.lazy the screen still rendered the placeholder first, then the
 * map a render later (docs/PERFORMANCE.md, ninth session).
 */
import { preloadable } from '../../ui';

export const CoverageMapChunk = preloadable(() => import('./CoverageMap'));
