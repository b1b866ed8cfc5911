import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from './precompress';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('precompress', () => {
  it('writes brotli and gzip copies that decode to the file, only where they pay', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cundian-precompress-'));
    await mkdir(join(dir, 'assets'));
    await mkdir(join(dir, '.vite'));
    const js = `export const villages = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `村${i}`))};`;
    await writeFile(join(dir, 'assets', 'a.js'), js);
    // Exactly at the threshold and one byte under it.
    await writeFile(join(dir, 'assets', 'edge.css'), 'a{}'.repeat(341) + 'x'); // 1,024 bytes
    await writeFile(join(dir, 'assets', 'small.css'), 'b{}'.repeat(341)); // 1,023 bytes
    // Random bytes do not shrink by a tenth: left alone.
    await writeFile(join(dir, 'assets', 'noise.json'), randomBytes(4096));
    await writeFile(join(dir, 'assets', 'photo.png'), Buffer.alloc(5000));
    await writeFile(join(dir, '.vite', 'manifest.json'), js);
    await writeFile(join(dir, 'sw.js'), js);
    // A copy left by an older build of a file that no longer pays is removed.
    await writeFile(join(dir, 'assets', 'noise.json.br'), 'stale');

    const totals = precompress(dir);

    const a = await readFile(join(dir, 'assets', 'a.js'), 'utf8');
    expect(brotliDecompressSync(await readFile(join(dir, 'assets', 'a.js.br'))).toString()).toBe(a);
    expect(gunzipSync(await readFile(join(dir, 'assets', 'a.js.gz'))).toString()).toBe(a);
    expect(existsSync(join(dir, 'assets', 'edge.css.br'))).toBe(true);
    expect(existsSync(join(dir, 'assets', 'small.css.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'noise.json.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'photo.png.br'))).toBe(false);
    expect(existsSync(join(dir, '.vite', 'manifest.json.br'))).toBe(false);
    expect(existsSync(join(dir, 'sw.js.br'))).toBe(false);
    expect(totals.files).toBe(2);
    expect(totals.br).toBeLessThan(totals.gz);
  });

  it('does nothing in an empty build', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cundian-precompress-'));
    expect(precompress(dir)).toEqual({ files: 0, raw: 0, br: 0, gz: 0 });
  });
});
