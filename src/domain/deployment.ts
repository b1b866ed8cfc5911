/**
 * The deployment's area (issue 16, docs/REGIONS.md "The deployment's area"): which prefecture —
 * or, later, province — one installation serves. It is configuration, not code: `REGION=3302
 * npm start` serves 宁波市 from the same source. The area's descriptor is generated with its
 * gazetteer (public/regions/<REGION>-area.json, scripts/generate-regions.mjs): its name, bbox and
 * a coarse outline, small enough to be known before any gazetteer is loaded.
 *
 * Where it comes from: a build bakes it in (vite.config.ts defines __DEPLOYMENT__ from REGION), so
 * the first screen knows it without a request; the server and the scripts read the same file at
 * start (server/regions.ts) and call setDeployment before anything else. Tests get the build's.
 *
 * Pure: no DOM, no Node APIs.
 */

export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export interface Deployment {
  /** REGION as configured: a prefecture's 4 digits (a province's 2 once levels exist). */
  code: string;
  /** The area's official name: 某某市 (a province: 某某省). */
  name: string;
  level: 'prefecture' | 'province' | 'prefectures';
  province: { code: string; name: string } | null;
  /** [code, name, bbox] of each prefecture in the area. */
  prefectures: [code: string, name: string, bbox: Bbox | null][];
  bbox: Bbox | null;
  /** Coarse outer rings [[lng, lat], ...], only for isInsideArea; empty when the source has none. */
  outline: number[][][];
  source: string;
}

declare const __DEPLOYMENT__: Deployment | undefined;

let configured: Deployment | undefined =
  typeof __DEPLOYMENT__ === 'undefined' ? undefined : __DEPLOYMENT__;

/** Sets the deployment's area: the server and the scripts, at start, from REGION. */
export function setDeployment(next: Deployment): void {
  configured = next;
}

/** The deployment's area; throws when nothing configured it (a server started without it). */
export function deployment(): Deployment {
  if (!configured) {
    throw new Error(
      "deployment area not configured: the server reads REGION at start (server/regions.ts), a build from vite.config.ts's __DEPLOYMENT__",
    );
  }
  return configured;
}

/**
 * The prefecture the programme's founding policy was written for (shared/seed): its figures —
 * 1,500 service points, 800 trainees a year, … — are that area's, so nothing offers them elsewhere.
 */
export const POLICY_AREA = '3301';

/** True when this deployment serves the policy's own area (its figures and its suggestions apply). */
export function policyApplies(): boolean {
  return deployment().code === POLICY_AREA;
}

/** True when a region code (county, township, village) lies in the deployment's area. */
export function inDeployment(code: string): boolean {
  const area = deployment();
  return area.prefectures.some(([prefecture]) => code.startsWith(prefecture));
}
