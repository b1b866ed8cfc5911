/**
 * The HTTP application: `buildApp()` assembles Fastify with the API routes, the built PWA
 * (static files with their caching rules and the SPA fallback), security headers and JSON errors.
 * It never listens: tests drive it with `app.inject()`, main.ts/start-server.ts listen.
 *
 * API routes live in their own modules: accounts (server/auth/routes.ts), sync
 * (server/sync/routes.ts), the audit log (server/audit/routes.ts)…; every /api route but health
 * and login needs a bearer token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { z } from 'zod';
import type { RegionIndex } from '../src/domain/region';
import { healthRoute } from '../src/domain/api';
import { ApiError, bilingualError, errorCodeForStatus } from './base/api-error';
import type { AnswerOf } from './base/api-validate';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../src/domain/passwordPolicy';
import { DEFAULT_SCRYPT } from './auth/passwords';
import { DEFAULT_SIGN_IN_LIMIT, SignInLimiter, type SignInLimitConfig } from './base/sign-in-limit';
import { registerAssessmentRoutes } from './assessment/routes';
import { registerAttachmentRoutes } from './attachments/routes';
import { registerAuditRoutes } from './audit/routes';
import { registerAuthRoutes } from './auth/routes';
import { registerDeviceRoutes } from './devices/routes';
import { registerDuplicateRoutes } from './duplicates/routes';
import type { ScryptParameters, ServerContext } from './base/context';
import { keepPlannerStatistics } from './db/planner-statistics';
import { DatabaseBusyError, type Db } from './db';
import { serverRegions } from './regions';
import { registerSyncRoutes } from './sync/routes';
import { tileOrigins } from '../src/domain/baseMaps';
import { RECORD_HOOKS } from './entity-hooks';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_STATIC_DIR = resolve(REPO_ROOT, 'dist');

/** Retry-After on a 503 when every database connection stayed busy (DatabaseBusyError). */
export const DATABASE_BUSY_RETRY_SECONDS = 5;

/** Requests larger than this are refused with 413 (photos are uploaded one by one). */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export const APP_VERSION: string = (
  JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export const NOT_BUILT_MESSAGE = 'App not built: run npm run build, then restart the server.';

/**
 * For a Vite React PWA: scripts, workers and the manifest only from our origin; inline styles
 * allowed (React style props and Leaflet set them); images also from data:/blob: (photos before
 * upload) and the configured tile hosts (src/domain/baseMaps.ts), no other host; fetch to our
 * own API and to the same tile hosts — the service worker fetches viewed tiles to cache them for
 * offline use, and a worker's fetches obey connect-src.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `img-src 'self' data: blob: ${tileOrigins().join(' ')}`,
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  `connect-src 'self' ${tileOrigins().join(' ')}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Powerful browser features: the camera (photos of a service point are taken in the app) and the
 * position (a point's location from GPS) for our own pages only; everything else off, for us and
 * for any frame.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'geolocation=(self)',
  'microphone=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'magnetometer=()',
  'gyroscope=()',
  'accelerometer=()',
  'display-capture=()',
].join(', ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'permissions-policy': PERMISSIONS_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export const CACHE_NO_CACHE = 'no-cache';
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control for a file of the built app, by its path relative to the static folder.
 * Only Vite's output in assets/ carries a content hash in its name, so only it may be cached
 * forever (public/ must therefore not contain an assets/ folder of its own). Everything else —
 * index.html, sw.js, registerSW.js, manifest.webmanifest, icons, regions/*.json — keeps its name
 * across versions: the browser must revalidate it (cheap: ETag → 304), or a user would be stuck
 * on an old service worker. The service worker precaches those files anyway.
 */
export function cacheControlForFile(relativePath: string): string {
  const path = relativePath.split(sep).join('/');
  return path.startsWith('assets/') ? CACHE_IMMUTABLE : CACHE_NO_CACHE;
}

export interface BuildAppOptions {
  db: Db;
  /** The built PWA (default: dist/ at the repository root). */
  staticDir?: string;
  /** Fastify's logger option (default: off, for tests). */
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (default: the real one; tests move it). */
  now?: () => Date;
  /** The gazetteer (default: public/regions of this prefecture). */
  regions?: RegionIndex;
  /** Cost of new password hashes (default DEFAULT_SCRYPT; tests lower it). */
  scrypt?: ScryptParameters;
  /**
   * Fastify's trustProxy: set when a reverse proxy sits in front, so login throttling counts
   * the client's address (X-Forwarded-For) rather than the proxy's (TRUST_PROXY).
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** The password policy (default DEFAULT_PASSWORD_POLICY; PASSWORD_* settings). */
  passwordPolicy?: PasswordPolicy;
  /** The global limit on sign-ins verified at once (default DEFAULT_SIGN_IN_LIMIT); a limiter
   * instance may be passed instead (tests read its counters). */
  signInLimit?: SignInLimitConfig | SignInLimiter;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * A browser navigation to a client-side route (/points/123) that should get index.html: GET or
 * HEAD, outside /api and /assets, no file extension in the last segment (a missing script or
 * JSON file must stay a 404, not turn into HTML), and an Accept header asking for HTML.
 */
function wantsSpaFallback(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = pathOf(request);
  if (isApiPath(path) || path.startsWith('/assets/')) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return false;
  return (request.headers.accept ?? '').toLowerCase().includes('text/html');
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = pathOf(request);
  const message = isApiPath(path)
    ? `No API route ${request.method} ${path}`
    : `Not found: ${request.method} ${path}`;
  return reply.code(404).send({ error: 'notFound', message });
}

function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: 'invalid', message: error.message });
    }
    if (error instanceof z.ZodError) {
      return reply.code(400).send({ error: 'invalid', message: z.prettifyError(error) });
    }
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.statusCode).send({
        error: error.code,
        message: error.message,
        ...(error.messages ? { messages: error.messages } : {}),
      });
    }
    if ((error as Error) instanceof DatabaseBusyError) {
      // Overloaded, not broken (a morning sync storm): the phone backs off and tries again.
      request.log.warn({ err: error }, 'database busy');
      const busy = bilingualError(503, 'busy', {
        'zh-CN': '服务器繁忙，请稍后再试',
        en: 'The server is busy: please try again shortly.',
      });
      return reply
        .code(503)
        .header('retry-after', String(DATABASE_BUSY_RETRY_SECONDS))
        .send({ error: busy.code, message: busy.message, messages: busy.messages });
    }
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 400 && statusCode < 500) {
      // Framework errors about the request itself (bad JSON, body too large): safe to explain.
      return reply
        .code(statusCode)
        .send({ error: errorCodeForStatus(statusCode), message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      error: 'internal',
      message: 'Something went wrong on the server. Please try again later.',
    });
  });
}

/**
 * Compresses answers for clients that accept it (every browser does): a pull page of a thousand
 * records is ~0.5 MB of JSON and ~60 KB compressed, the region file 135 KB and 27 KB — what
 * decides the first download over a village's 2G/3G. Brotli at quality 4 (the default 11 costs
 * ~20× the CPU for a few per cent), gzip for the rest; photos (already compressed) and answers
 * under 1 KB are sent as they are. A reverse proxy in front may do it instead; harmless either way
 * (a compressed answer is not compressed again).
 */
async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}

async function registerApiRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { db } = ctx;
  app.get(healthRoute.path, async (request, reply): Promise<AnswerOf<typeof healthRoute>> => {
    try {
      await db.query('select 1');
    } catch (error) {
      request.log.error({ err: error }, 'health check: database query failed');
      return reply.code(503).send({ ok: false, db: db.kind, error: 'database unavailable' });
    }
    return { ok: true, db: db.kind, version: APP_VERSION, time: new Date().toISOString() };
  });

  await registerAuthRoutes(app, ctx);
  await registerSyncRoutes(app, ctx);
  await registerDeviceRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx);
  await registerDuplicateRoutes(app, ctx);
  await registerAssessmentRoutes(app, ctx);
  await registerAuditRoutes(app, ctx);

  // Any other /api path, any method: a JSON 404, never the app's HTML (a client expecting JSON
  // would otherwise choke on "<!doctype html>" with a 200).
  app.all('/api', sendNotFound);
  app.all('/api/*', sendNotFound);
}

async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: '/',
    wildcard: true, // look files up per request: a rebuilt dist/ is served without a restart
    index: 'index.html',
    dotfiles: 'ignore', // e.g. dist/.vite/manifest.json stays private
    // The build writes <file>.br and <file>.gz at their best (scripts/precompress.ts): sent as
    // they are to a client that accepts them (Vary: Accept-Encoding), never compressed again.
    preCompressed: true,
    cacheControl: false, // ours, below
    etag: true,
    lastModified: true,
    // @fastify/static 10 passes the Fastify reply here, not the raw response (STACK.md trap 11).
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlForFile(relative(staticDir, filePath)));
    },
  });

  app.setNotFoundHandler((request, reply) => {
    if (wantsSpaFallback(request)) {
      return reply.code(200).header('cache-control', CACHE_NO_CACHE).sendFile('index.html');
    }
    return sendNotFound(request, reply);
  });
}

function registerNotBuiltApp(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (isApiPath(pathOf(request))) return sendNotFound(request, reply);
    return reply
      .code(503)
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(NOT_BUILT_MESSAGE);
  });
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const staticDir = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
  });
  const ctx: ServerContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    regions: options.regions ?? serverRegions(),
    scrypt: options.scrypt ?? DEFAULT_SCRYPT,
    passwordPolicy: options.passwordPolicy ?? DEFAULT_PASSWORD_POLICY,
    signInLimiter:
      options.signInLimit instanceof SignInLimiter
        ? options.signInLimit
        : new SignInLimiter(options.signInLimit ?? DEFAULT_SIGN_IN_LIMIT),
    entityHooks: RECORD_HOOKS,
  };

  // PGlite has no autovacuum: after API requests (which may have changed the data), its tables'
  // statistics are checked at most every 30 s and the grown ones analyzed (db/planner-statistics.ts).
  const statistics = keepPlannerStatistics(options.db, {
    onError: (error) => app.log.warn({ err: error }, 'planner statistics not refreshed'),
  });
  app.addHook('onResponse', async (request) => {
    if (isApiPath(pathOf(request))) statistics.poke();
  });
  app.addHook('onClose', () => statistics.stop());

  // On every response, errors and 404s included.
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    // API answers are live data: neither the browser, a proxy nor the service worker keeps them.
    if (isApiPath(pathOf(request)) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  registerErrorHandler(app);
  await registerCompression(app);
  await registerApiRoutes(app, ctx);

  // index.html decides: a folder without it is a failed or missing build.
  if (existsSync(resolve(staticDir, 'index.html'))) {
    await registerStaticApp(app, staticDir);
  } else {
    registerNotBuiltApp(app);
  }

  // Not ready()-ed: callers (tests) may still add routes; inject() and listen() get it ready.
  return app;
}
