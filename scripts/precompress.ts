// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text file of
// the built app worth compressing, so the server sends the smallest bytes without compressing on
// each request (server/app.ts: @fastify/static `preCompressed`). Called by the build
// (vite.config.ts, after the bundle is written) and runnable by hand: `npx tsx scripts/precompress.ts [dist]`.
// A file that does not shrink by a tenth is left alone (the server then compresses or not, as before).
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TEXT = /\.(js|mjs|css|html|json|svg|webmanifest|txt)$/;
// The service worker's own script changes name-less between versions and is tiny: served as is.
const SKIP = /^(sw\.js|sw\.mjs)$/;
const MIN_BYTES = 1024;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name) && !SKIP.test(entry.name)) yield path;
  }
}

/** Compresses every worthwhile file under `dist`; returns { files, raw, br, gz } byte totals. */
export interface PrecompressTotals {
  files: number;
  raw: number;
  br: number;
  gz: number;
}

export function precompress(dist: string): PrecompressTotals {
  const totals: PrecompressTotals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const path of files(dist)) {
    const raw = readFileSync(path);
    for (const suffix of ['.br', '.gz']) if (existsSync(path + suffix)) rmSync(path + suffix);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length > raw.length * 0.9) continue;
    writeFileSync(path + '.br', br);
    writeFileSync(path + '.gz', gz);
    totals.files += 1;
    totals.raw += raw.length;
    totals.br += br.length;
    totals.gz += gz.length;
  }
  return totals;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? 'dist';
  if (!existsSync(dist) || !statSync(dist).isDirectory()) {
    console.error(`precompress: ${dist} is not a folder (build the app first: npx vite build)`);
    process.exit(1);
  }
  const t = precompress(dist);
  console.log(
    `precompress: ${t.files} files, ${(t.raw / 1024).toFixed(0)} KB → brotli ${(t.br / 1024).toFixed(0)} KB, gzip ${(t.gz / 1024).toFixed(0)} KB`,
  );
}
