import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './base/api-error';
import {
  APP_VERSION,
  buildApp,
  CACHE_IMMUTABLE,
  CONTENT_SECURITY_POLICY,
  NOT_BUILT_MESSAGE,
} from './app';
import type { Db } from './db';
import { lendTestPglite, returnTestPglite } from './test-support/databases';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INDEX_HTML = '<!doctype html><title>村电通</title><div id="root"></div>';

/** A db whose every query fails, as when PostgreSQL has gone away. */
const brokenDb: Db = {
  kind: 'postgres',
  description: 'broken',
  query: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')),
  exec: () => Promise.reject(new Error('connect ECONNREFUSED')),
  transaction: () => Promise.reject(new Error('connect ECONNREFUSED')),
  close: () => Promise.resolve(),
};

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('buildApp with a built app', () => {
  let db: Db;
  let staticDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await lendTestPglite();
    staticDir = await mkdtemp(join(tmpdir(), 'cundian-dist-'));
    await mkdir(join(staticDir, 'assets'));
    await mkdir(join(staticDir, 'icons'));
    await mkdir(join(staticDir, 'regions'));
    await mkdir(join(staticDir, '.vite'));
    await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
    await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(staticDir, 'registerSW.js'), '/* register */');
    await writeFile(join(staticDir, 'manifest.webmanifest'), '{"name":"村电通"}');
    await writeFile(join(staticDir, 'assets', 'app-abc123.js'), 'console.log("app");');
    await writeFile(join(staticDir, 'icons', 'x.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(staticDir, 'regions', '3301.json'), '{"code":"3301"}');
    await writeFile(join(staticDir, '.vite', 'manifest.json'), '{}');

    app = await buildApp({ db, staticDir });
    // Routes that fail on purpose, to see the error handler's answers.
    app.post(
      '/api/test/validated',
      { schema: { body: { type: 'object', required: ['name'] } } },
      async () => ({ ok: true }),
    );
    app.post('/api/test/zod', async (request) => {
      z.object({ name: z.string() }).parse(request.body);
      return { ok: true };
    });
    app.get('/api/test/conflict', async () => {
      throw new ApiError(409, 'conflict', 'Someone changed this record');
    });
    app.get('/api/test/crash', async () => {
      throw new Error('secret detail: password=hunter2');
    });
    app.post('/api/test/echo', async (request) => ({ size: JSON.stringify(request.body).length }));
    app.post('/api/test/echo-big', async () =>
      Array.from({ length: 500 }, (_, i) => ({ id: i, name: `服务点 ${i}`, status: 'open' })),
    );
  });

  afterAll(async () => {
    await app.close();
    await returnTestPglite(db);
    await rm(staticDir, { recursive: true, force: true });
  });

  it('answers /api/health', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ ok: boolean; db: string; version: string; time: string }>();
    expect(body).toMatchObject({ ok: true, db: 'pglite', version: APP_VERSION });
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(Math.abs(Date.parse(body.time) - Date.now())).toBeLessThan(60_000);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });

  it.each([
    ['/', 'no-cache', 'text/html'],
    ['/index.html', 'no-cache', 'text/html'],
    ['/sw.js', 'no-cache', 'javascript'],
    ['/registerSW.js', 'no-cache', 'javascript'],
    ['/manifest.webmanifest', 'no-cache', 'manifest+json'],
    ['/assets/app-abc123.js', CACHE_IMMUTABLE, 'javascript'],
    ['/icons/x.png', 'no-cache', 'image/png'],
    ['/regions/3301.json', 'no-cache', 'application/json'],
  ])('serves %s with Cache-Control %s', async (url, cacheControl, contentType) => {
    const response = await app.inject({ method: 'GET', url, headers: { accept: HTML } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(cacheControl);
    expect(response.headers['content-type']).toContain(contentType);
    expect(response.headers.etag).toBeTruthy();
    expectSecurityHeaders(response.headers);
  });

  it('compresses what is worth it for clients that accept it, and nothing else', async () => {
    const big = JSON.stringify({
      code: '3301',
      villages: Array.from({ length: 400 }, (_, i) => `村${i}`),
    });
    await writeFile(join(staticDir, 'regions', 'big.json'), big);
    const br = await app.inject({
      method: 'GET',
      url: '/regions/big.json',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(big.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(big);
    const gzip = await app.inject({
      method: 'GET',
      url: '/regions/big.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(big);
    // An API answer too (a pull page is the big one), with its own headers kept.
    const echo = await app.inject({
      method: 'POST',
      url: '/api/test/echo-big',
      headers: { 'accept-encoding': 'gzip' },
      payload: {},
    });
    expect(echo.headers['content-encoding']).toBe('gzip');
    expect(echo.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(gunzipSync(echo.rawPayload).toString())).toHaveLength(500);
    // Not asked for, or too small to gain: as they are.
    const plain = await app.inject({ method: 'GET', url: '/regions/big.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(big);
    const small = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends the build’s precompressed copy as it is, and the file itself to a client without one', async () => {
    // What scripts/precompress.ts writes beside a built file: its best brotli and gzip.
    const source = `export const names = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `村${i}`))};`;
    await writeFile(join(staticDir, 'assets', 'big-abc123.js'), source);
    const br = brotliCompressSync(source);
    const gz = gzipSync(source, { level: 9 });
    await writeFile(join(staticDir, 'assets', 'big-abc123.js.br'), br);
    await writeFile(join(staticDir, 'assets', 'big-abc123.js.gz'), gz);
    const asBr = await app.inject({
      method: 'GET',
      url: '/assets/big-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(asBr.statusCode).toBe(200);
    expect(asBr.headers['content-encoding']).toBe('br');
    // The very bytes on disk: not compressed again on the way out.
    expect(Buffer.compare(asBr.rawPayload, br)).toBe(0);
    expect(asBr.headers['content-type']).toMatch(/javascript/);
    expect(asBr.headers['cache-control']).toContain('immutable');
    expect(String(asBr.headers.vary)).toMatch(/accept-encoding/i);
    const asGzip = await app.inject({
      method: 'GET',
      url: '/assets/big-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asGzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(asGzip.rawPayload).toString()).toBe(source);
    const plain = await app.inject({ method: 'GET', url: '/assets/big-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
    // The compressed copies are never addressed themselves by the app; asking gives the bytes.
    const direct = await app.inject({ method: 'GET', url: '/assets/big-abc123.js.br' });
    expect(direct.statusCode).toBe(200);
  });

  it('answers a revalidation with 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/sw.js' });
    const again = await app.inject({
      method: 'GET',
      url: '/sw.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('serves index.html for a deep link that asks for HTML', async () => {
    for (const url of ['/points/123', '/points/123?tab=photos', '/training/sessions/new']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: HTML } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe(INDEX_HTML);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expectSecurityHeaders(response.headers);
    }
    const head = await app.inject({
      method: 'HEAD',
      url: '/points/123',
      headers: { accept: HTML },
    });
    expect(head.statusCode).toBe(200);
  });

  it('does not fall back to index.html for files, non-HTML requests or other methods', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/assets/app-missing.js', HTML],
      ['GET', '/assets/app-missing.js', '*/*'],
      ['GET', '/regions/9999.json', HTML],
      ['GET', '/points/123', 'application/json'],
      ['GET', '/points/123', '*/*'],
      ['POST', '/points/123', HTML],
      ['GET', '/.vite/manifest.json', HTML],
    ];
    for (const [method, url, accept] of cases) {
      const response = await app.inject({ method: method as 'GET', url, headers: { accept } });
      expect(response.statusCode, `${method} ${url} ${accept}`).toBe(404);
      expect(response.json()).toMatchObject({ error: 'notFound' });
      expectSecurityHeaders(response.headers);
    }
  });

  it('answers unknown /api paths and methods with JSON 404, never the app', async () => {
    const cases: [string, string][] = [
      ['GET', '/api/xyz'],
      ['GET', '/api'],
      ['POST', '/api/xyz'],
      ['DELETE', '/api/health'],
      ['PUT', '/api/sync/push'],
      ['GET', '/api/points/123'],
    ];
    for (const [method, url] of cases) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { accept: HTML },
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json()).toEqual({
        error: 'notFound',
        message: `No API route ${method} ${url}`,
      });
      expectSecurityHeaders(response.headers);
    }
  });

  it('answers invalid input with 400 and a message', async () => {
    const schema = await app.inject({ method: 'POST', url: '/api/test/validated', payload: {} });
    expect(schema.statusCode).toBe(400);
    expect(schema.json()).toMatchObject({
      error: 'invalid',
      message: expect.stringContaining('name'),
    });

    const zod = await app.inject({ method: 'POST', url: '/api/test/zod', payload: { name: 3 } });
    expect(zod.statusCode).toBe(400);
    expect(zod.json()).toMatchObject({
      error: 'invalid',
      message: expect.stringContaining('name'),
    });

    const badJson = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ error: 'invalid' });
  });

  it('passes an ApiError through and hides the detail of a crash', async () => {
    const conflict = await app.inject({ method: 'GET', url: '/api/test/conflict' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: 'conflict', message: 'Someone changed this record' });

    const crash = await app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toMatchObject({ error: 'internal' });
    expect(crash.body).not.toContain('hunter2');
    expectSecurityHeaders(crash.headers);
  });

  it('refuses a body over 5 MB with 413', async () => {
    const small = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { a: 'x' } });
    expect(small.statusCode).toBe(200);
    const large = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { a: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ error: 'tooLarge' });
  });
});

describe('buildApp without a built app', () => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await lendTestPglite();
    app = await buildApp({ db, staticDir: join(tmpdir(), 'cundian-no-such-dist') });
  });

  afterAll(async () => {
    await app.close();
    await returnTestPglite(db);
  });

  it('still answers the API', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const unknown = await app.inject({ method: 'GET', url: '/api/xyz' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'notFound' });
  });

  it('answers app paths with 503 and what to do', async () => {
    for (const url of ['/', '/points/123', '/sw.js']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: HTML } });
      expect(response.statusCode, url).toBe(503);
      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.body).toBe(NOT_BUILT_MESSAGE);
      expect(response.body).toContain('App not built: run npm run build');
      expectSecurityHeaders(response.headers);
    }
  });
});

describe('/api/health when the database fails', () => {
  it('answers 503 without leaking the error', async () => {
    const app = await buildApp({ db: brokenDb, staticDir: '/nonexistent' });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ ok: false, db: 'postgres', error: 'database unavailable' });
      expect(response.body).not.toContain('10.0.0.5');
    } finally {
      await app.close();
    }
  });
});
