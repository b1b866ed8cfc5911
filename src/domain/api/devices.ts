/** Devices (server/devices/routes.ts, docs/SECURITY.md "丢失设备 / Lost devices"). */
import { z } from 'zod';
import { rescueRequestSchema, rescueResponseSchema } from '../protocol';
import { apiRoute } from './route';

/** A device of a user as the server knows it from sync (server/devices/devices.ts). */
export const deviceInfoSchema = z.object({
  clientId: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** Whether it is the device asking. */
  current: z.boolean(),
  /** The wipe asked of it, and whether it has been told. */
  wipe: z.enum(['lost', 'signedOut']).nullable(),
  wipedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

const devicesAnswer = z.object({ devices: z.array(deviceInfoSchema) });
const okAnswer = z.object({ ok: z.literal(true) });

export const myDevicesRoute = apiRoute({
  method: 'GET',
  path: '/api/devices',
  answer: devicesAnswer,
});

export const signOutDeviceRoute = apiRoute({
  method: 'POST',
  path: '/api/devices/:clientId/sign-out',
  params: z.object({ clientId: z.string() }),
  answer: okAnswer,
});

export const userDevicesRoute = apiRoute({
  method: 'GET',
  path: '/api/users/:id/devices',
  params: z.object({ id: z.string() }),
  answer: devicesAnswer,
});

/** What a user's devices handed in when told to wipe (newest first). */
export const rescuedBatchSchema = z.object({
  clientId: z.string(),
  receivedAt: z.string(),
  // As the device sent them: kept, never applied, so read as they are.
  mutations: z.array(z.unknown()),
});

export const userRescuedRoute = apiRoute({
  method: 'GET',
  path: '/api/users/:id/rescued',
  params: z.object({ id: z.string() }),
  answer: z.object({ batches: z.array(rescuedBatchSchema) }),
});

export const markDeviceLostRoute = apiRoute({
  method: 'POST',
  path: '/api/users/:id/devices/:clientId/lost',
  params: z.object({ id: z.string(), clientId: z.string() }),
  answer: okAnswer,
});

export const rescueRoute = apiRoute({
  method: 'POST',
  path: '/api/devices/rescue',
  body: rescueRequestSchema,
  answer: rescueResponseSchema,
});
