/**
 * The region files for client tests (never imported by the app): the gazetteer and the county
 * outlines as the app ships them (public/regions), read once per test file. One fixture, so a
 * change to how the app loads its regions is made here, not in two dozen copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished, vi } from 'vitest';
import { parseRegionFile, type RegionIndex } from '../domain/region';

const texts = new Map<string, string>();

function publicFile(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(join(process.cwd(), 'public/regions', name), 'utf8');
    texts.set(name, text);
  }
  return text;
}

/** public/regions/3301.json as text: what the server answers for the region file. */
export const regionFileText = (): string => publicFile('3301.json');

/** public/regions/3301-outlines.json as text: the county outlines. */
export const outlineFileText = (): string => publicFile('3301-outlines.json');

let regions: RegionIndex | undefined;

/** The gazetteer parsed, as the app holds it once loaded (Hangzhou, 3301). */
export function testRegions(): RegionIndex {
  regions ??= parseRegionFile(JSON.parse(regionFileText()));
  return regions;
}

/**
 * For the test that calls it: `fetch` answers the region files as the server would — the
 * outlines for a `…-outlines.json` address, a county user's names and county files by name, the
 * gazetteer for anything else — and is restored
 * when the test has finished. Tests that need other answers stub fetch themselves.
 */
export function serveRegionFiles(): void {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    // A county user's files by name (3301-names.json, 330127.json: docs/REGIONS.md
    // "Per-county gazetteer"); anything else as before.
    const name = /\/regions\/(3301-names|3301\d\d)\.json$/.exec(url)?.[1];
    if (name) return new Response(publicFile(`${name}.json`), { status: 200 });
    return new Response(url.endsWith('-outlines.json') ? outlineFileText() : regionFileText(), {
      status: 200,
    });
  });
  onTestFinished(() => {
    vi.unstubAllGlobals();
  });
}
