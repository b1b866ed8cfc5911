/** Photos (server/attachments/routes.ts, docs/PROTOCOL.md "Attachments"): bytes in, bytes out. */
import { z } from 'zod';
import { apiRoute } from './route';

/** A photo is named by the sha256 of its bytes: 64 lower-case hex digits. */
export const attachmentParamsSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** PUT: the raw image bytes (not JSON); 201 when new, 200 when already there. */
export const uploadAttachmentRoute = apiRoute({
  method: 'PUT',
  path: '/api/attachments/:sha256',
  params: attachmentParamsSchema,
  answer: z.object({
    sha256: z.string(),
    size: z.number().int().min(1),
    type: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  }),
});

/** GET: the bytes, with their type. */
export const downloadAttachmentRoute = apiRoute({
  method: 'GET',
  path: '/api/attachments/:sha256',
  params: attachmentParamsSchema,
  answer: null,
});
