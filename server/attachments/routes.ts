/**
 * Photos (docs/PROTOCOL.md "Attachments"), behind the bearer-token guard:
 *
 *   PUT /api/attachments/:sha256   raw image bytes → 201 {sha256, size, type} (200 when known)
 *   GET /api/attachments/:sha256   → the bytes, cached by the browser for good (immutable)
 *
 * The name IS the content: the server hashes what arrived and refuses a mismatch, so a stored
 * hash always means those exact bytes and a second upload of them changes nothing. The type is
 * read from the bytes (JPEG, PNG, WebP), never taken from the client's Content-Type.
 *
 * Who: uploading needs a role that may write a record holding photos (servicePoint, pilotTown,
 * by src/domain/scope.ts); downloading needs a record the user may READ that lists the hash and
 * is not deleted. Anything else is a 404, the same as a hash nobody uploaded, so a user cannot
 * learn what exists outside their area.
 */
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { EntityName } from '../../src/domain/entities';
import { canRead, roleMayWrite } from '../../src/domain/scope';
import { bilingualError } from '../api-error';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../context';

/** Photos are compressed to ≤ 300 KB on the device; 1 MiB leaves room and stops abuse. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** The entities whose records list attachment hashes in their `photos` field. */
export const PHOTO_ENTITIES = ['servicePoint', 'pilotTown'] as const satisfies EntityName[];

export const ATTACHMENT_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const SHA256 = /^[0-9a-f]{64}$/;

export type AttachmentType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type of these bytes by their signature, or null when they are none we accept. */
export function sniffImageType(bytes: Uint8Array): AttachmentType | null {
  const starts = (signature: number[], at = 0) =>
    bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size:4> WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkHashParam(sha256: string): string {
  if (!SHA256.test(sha256)) {
    throw bilingualError(400, 'invalid', {
      'zh-CN': '照片名称应为 64 位小写十六进制的 sha256',
      en: 'the photo name must be its sha256: 64 lower-case hex digits',
    });
  }
  return sha256;
}

const notFound = () =>
  bilingualError(404, 'notFound', {
    'zh-CN': '找不到这张照片，或你无权查看',
    en: 'no such photo, or you may not see it',
  });

const tooLarge = () =>
  bilingualError(413, 'tooLarge', {
    'zh-CN': `照片太大：最大 ${MAX_ATTACHMENT_BYTES / 1024} KB`,
    en: `the photo is too large: at most ${MAX_ATTACHMENT_BYTES / 1024} KB`,
  });

const unsupportedType = () =>
  bilingualError(415, 'unsupportedMediaType', {
    'zh-CN': '只接受 JPEG、PNG 或 WebP 格式的照片',
    en: 'only JPEG, PNG or WebP photos are accepted',
  });

/** May this user upload photos at all (write some entity that holds them)? */
export function mayUpload(user: SessionUser): boolean {
  return PHOTO_ENTITIES.some((entity) => roleMayWrite(user.role, entity));
}

/** Is the hash listed in the photos of a live record this user may read? */
async function mayDownload(ctx: ServerContext, user: SessionUser, sha256: string) {
  const { rows } = await ctx.db.query<{
    entity: EntityName;
    county_code: string | null;
    township_code: string | null;
  }>(
    `select entity, county_code, township_code from records
     where entity = any($1::text[]) and not deleted and (data -> 'photos') ? $2`,
    [PHOTO_ENTITIES, sha256],
  );
  return rows.some((row) =>
    canRead(user, row.entity, { countyCode: row.county_code, townshipCode: row.township_code }),
  );
}

function checkMayUpload(user: SessionUser): void {
  if (!mayUpload(user)) {
    throw bilingualError(403, 'roleDenied', {
      'zh-CN': '你的角色不能上传照片',
      en: 'your role may not upload photos',
    });
  }
}

async function storeAttachment(
  ctx: ServerContext,
  user: SessionUser,
  sha256: string,
  body: unknown,
): Promise<{ created: boolean; size: number; type: AttachmentType }> {
  checkMayUpload(user);
  if (!Buffer.isBuffer(body) || body.length === 0) throw unsupportedType();
  if (body.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
  const type = sniffImageType(body);
  if (!type) throw unsupportedType();
  if (sha256Hex(body) !== sha256) {
    throw bilingualError(400, 'hashMismatch', {
      'zh-CN': '照片内容与名称（sha256）不符，可能传输中损坏，请重试',
      en: "the photo's bytes do not match its name (sha256); it may have been damaged on the way, try again",
    });
  }
  const { rowCount } = await ctx.db.query(
    `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (sha256) do nothing`,
    [sha256, body, type, body.length, user.id, ctx.now()],
  );
  return { created: rowCount === 1, size: body.length, type };
}

export async function registerAttachmentRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  await registerAuthenticated(app, ctx, (scope) => {
    // The body is the raw bytes whatever the client calls them: the type is decided by sniffing.
    // (application/json and text/plain keep Fastify's parsers and are refused with 415 below.)
    scope.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES },
      (_request, body, done) => done(null, body),
    );
    // Fastify's own "body too large" (checked before the body is read) gets our bilingual words.
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge();
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw unsupportedType();
      throw error;
    });

    scope.put<{ Params: { sha256: string } }>(
      '/api/attachments/:sha256',
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        // A role that may not upload is refused before its body is read.
        onRequest: async (request) => checkMayUpload(userOf(request)),
      },
      async (request, reply) => {
        const sha256 = checkHashParam(request.params.sha256);
        const stored = await storeAttachment(ctx, userOf(request), sha256, request.body);
        return reply
          .code(stored.created ? 201 : 200)
          .send({ sha256, size: stored.size, type: stored.type });
      },
    );

    scope.get<{ Params: { sha256: string } }>(
      '/api/attachments/:sha256',
      async (request, reply) => {
        const sha256 = checkHashParam(request.params.sha256);
        if (!(await mayDownload(ctx, userOf(request), sha256))) throw notFound();
        const etag = `"${sha256}"`;
        const ifNoneMatch = request.headers['if-none-match'];
        const { rows } = await ctx.db.query<{ content: Uint8Array; content_type: string }>(
          'select content, content_type from attachments where sha256 = $1',
          [sha256],
        );
        const row = rows[0];
        if (!row) throw notFound();
        reply.header('etag', etag).header('cache-control', ATTACHMENT_CACHE_CONTROL);
        if (typeof ifNoneMatch === 'string' && ifNoneMatch.includes(etag)) {
          return reply.code(304).send();
        }
        const content = Buffer.from(row.content.buffer, row.content.byteOffset, row.content.length);
        return reply.type(row.content_type).send(content);
      },
    );
  });
}
