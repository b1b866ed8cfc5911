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
 * by src/domain/scope.ts), and room in the user's quota of photos no record uses
 * (UNUSED_PHOTO_QUOTA_BYTES: 429 beyond it). Downloading needs a live record the user may READ
 * that lists the hash through a trusted listing — one made by someone who could see the photo
 * (listings.ts). Anything else is a 404, the same as a hash nobody uploaded, so a user cannot
 * learn what exists outside their area, nor get it by listing a hash they came across.
 */
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  PHOTO_ENTITIES,
  PHOTO_QUOTA_EXCEEDED,
  PHOTO_QUOTA_RETRY_MS,
  UNUSED_PHOTO_QUOTA_BYTES,
  UNUSED_PHOTO_QUOTA_DAYS,
} from '../../src/domain/attachments';
import { downloadAttachmentRoute, uploadAttachmentRoute } from '../../src/domain/api';
import { roleMayWrite } from '../../src/domain/scope';
import type { AnswerOf } from '../base/api-validate';
import { bilingualError } from '../base/api-error';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { SessionUser } from '../auth/sessions';
import type { ServerContext } from '../base/context';
import type { DbTx } from '../db';
import { runTransaction } from '../db/transactions';
import { listedByARecordSql, photosVisibleTo } from './listings';

/** Photos are compressed to ≤ 300 KB on the device; 1 MiB leaves room and stops abuse. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

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

const DAY_MS = 86_400_000;
const MIB = 1024 * 1024;

/**
 * Refuses an upload of new bytes that no record lists when the user's unused photos of the last
 * UNUSED_PHOTO_QUOTA_DAYS would go over UNUSED_PHOTO_QUOTA_BYTES. Bytes a record lists are never
 * counted nor refused: the app pushes a record before its photos. Only what the user stored
 * counts: uploading bytes someone else stored first costs nothing.
 */
async function checkQuota(
  tx: DbTx,
  user: SessionUser,
  sha256: string,
  size: number,
  now: Date,
): Promise<void> {
  // What the user stored (the first upload of those bytes) recently that no record lists.
  const { rows } = await tx.query<{ listed: boolean; unused: number }>(
    `select ${listedByARecordSql('$1::text')} as listed,
            (select coalesce(sum(a.size), 0)::int from attachments a
             where a.uploaded_by = $2 and a.created_at >= $3
               and not ${listedByARecordSql('a.sha256')}) as unused`,
    [sha256, user.id, new Date(now.getTime() - UNUSED_PHOTO_QUOTA_DAYS * DAY_MS)],
  );
  const { listed, unused } = rows[0]!;
  if (listed || unused + size <= UNUSED_PHOTO_QUOTA_BYTES) return;
  const used = (unused / MIB).toFixed(1);
  const limit = UNUSED_PHOTO_QUOTA_BYTES / MIB;
  throw bilingualError(
    429,
    PHOTO_QUOTA_EXCEEDED,
    {
      'zh-CN': `照片暂不上传：你最近 ${UNUSED_PHOTO_QUOTA_DAYS} 天上传、还没有记录用到的照片已有 ${used} MB，上限 ${limit} MB。先同步用到这些照片的记录，稍后会自动重试`,
      en: `photo not taken for now: ${used} MB of the photos you uploaded in the last ${UNUSED_PHOTO_QUOTA_DAYS} days are used by no record, and the limit is ${limit} MB. Sync the records that use them first; it is tried again later`,
    },
    { 'retry-after': String(PHOTO_QUOTA_RETRY_MS / 1000) },
  );
}

const unsupportedType = () =>
  bilingualError(415, 'unsupportedMediaType', {
    'zh-CN': '只接受 JPEG、PNG 或 WebP 格式的照片',
    en: 'only JPEG, PNG or WebP photos are accepted',
  });

/** May this user upload photos at all (write some entity that holds them)? */
export function mayUpload(user: SessionUser): boolean {
  return PHOTO_ENTITIES.some((entity) => roleMayWrite(user.role, entity));
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
  const now = ctx.now();
  return runTransaction(ctx.db, async (tx) => {
    const known = await tx.query('select 1 from attachments where sha256 = $1', [sha256]);
    // Bytes already stored cost nothing more: only new ones count against the quota.
    if (known.rows.length === 0) await checkQuota(tx, user, sha256, body.length, now);
    const { rowCount } = await tx.query(
      `insert into attachments (sha256, content, content_type, size, uploaded_by, created_at)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (sha256) do nothing`,
      [sha256, body, type, body.length, user.id, now],
    );
    // Every uploader is noted, the first or not: having the bytes is what lets a user's
    // listing of them be trusted (listings.ts).
    await tx.query(
      `insert into attachment_uploads (sha256, user_id, uploaded_at)
       values ($1, $2, $3)
       on conflict (sha256, user_id) do nothing`,
      [sha256, user.id, now],
    );
    return { created: rowCount === 1, size: body.length, type };
  });
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
      uploadAttachmentRoute.path,
      {
        bodyLimit: MAX_ATTACHMENT_BYTES,
        // A role that may not upload is refused before its body is read.
        onRequest: async (request) => checkMayUpload(userOf(request)),
      },
      async (request, reply) => {
        const sha256 = checkHashParam(request.params.sha256);
        const stored = await storeAttachment(ctx, userOf(request), sha256, request.body);
        const answer: AnswerOf<typeof uploadAttachmentRoute> = {
          sha256,
          size: stored.size,
          type: stored.type,
        };
        return reply.code(stored.created ? 201 : 200).send(answer);
      },
    );

    scope.get<{ Params: { sha256: string } }>(
      downloadAttachmentRoute.path,
      async (request, reply) => {
        const sha256 = checkHashParam(request.params.sha256);
        const visible = await photosVisibleTo(ctx.db, userOf(request), [sha256]);
        if (!visible.has(sha256)) throw notFound();
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
