/**
 * Photos taken on a cheap phone are 3–12 MB; a village connection uploads a few KB/s. So each
 * photo is shrunk on the device before it is stored: long side ≤ 1600 px, JPEG, ≤ 300 KB (the
 * quality steps down until it fits), then hashed (sha256) — the hash is its name everywhere.
 */
export const MAX_LONG_SIDE = 1600;
export const MAX_BYTES = 300 * 1024;

export interface CompressedPhoto {
  blob: Blob;
  sha256: string;
  width: number;
  height: number;
  type: string;
  size: number;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The size to draw at: the long side capped, the aspect kept. */
export function fitWithin(width: number, height: number, maxLongSide = MAX_LONG_SIDE) {
  const scale = Math.min(1, maxLongSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export class PhotoUnreadable extends Error {
  constructor() {
    super('photo unreadable');
    this.name = 'PhotoUnreadable';
  }
}

export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  let bitmap: ImageBitmap;
  try {
    // imageOrientation: the photo upright as the camera meant it (EXIF rotation applied).
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoUnreadable();
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoUnreadable();
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();

  let blob: Blob | null = null;
  for (const quality of [0.82, 0.72, 0.62, 0.52, 0.42, 0.32]) {
    blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', quality),
    );
    if (blob && blob.size <= MAX_BYTES) break;
  }
  if (!blob) throw new PhotoUnreadable();
  if (blob.size > MAX_BYTES) {
    // Still too big at the lowest quality (a very detailed scene): halve the size once more.
    const smaller = fitWithin(width, height, Math.round(Math.max(width, height) / 2));
    canvas.width = smaller.width;
    canvas.height = smaller.height;
    context.drawImage(await createImageBitmap(blob), 0, 0, smaller.width, smaller.height);
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.6));
    if (!blob) throw new PhotoUnreadable();
    return {
      blob,
      sha256: await sha256Hex(blob),
      width: smaller.width,
      height: smaller.height,
      type: 'image/jpeg',
      size: blob.size,
    };
  }
  return {
    blob,
    sha256: await sha256Hex(blob),
    width,
    height,
    type: 'image/jpeg',
    size: blob.size,
  };
}
