/**
 * Photos of a point: take or choose (compressed on the device and stored offline), shown from
 * the device's own copy, so they are visible with no connection. A photo taken on another
 * device (the record came with a pull) is downloaded once when online and signed in, and kept.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { storeAttachment, useAttachment } from '../../db';
import type { AttachmentUploadFailure, StoredAttachment } from '../../db/attachments';
import { PHOTO_QUOTA_EXCEEDED } from '../../domain/attachments';
import { getSyncEngine } from '../../sync';
import { fetchAttachment } from '../../sync/attachments';
import { Banner, Button, Spinner } from '../../ui';
import { FileButton } from '../../ui/FileButton';
import { MAX_PHOTOS } from '../../domain/servicePoint';
import { compressPhoto } from './photos';

export { MAX_PHOTOS };

/**
 * What a photo the server did not take says, by the server's `error` code (docs/PROTOCOL.md
 * "Attachments"): the quota passes (the photo is tried again), the others are for good.
 */
const UPLOAD_FAILURE_LABELS: Readonly<Record<string, MessageKey>> = {
  [PHOTO_QUOTA_EXCEEDED]: 'points.photos.quotaWaiting',
  unsupportedMediaType: 'points.photos.refused',
  tooLarge: 'points.photos.refusedTooLarge',
  roleDenied: 'points.photos.refusedRole',
};

function failureLabel(failure: AttachmentUploadFailure): MessageKey {
  return (failure.code && UPLOAD_FAILURE_LABELS[failure.code]) || 'points.photos.refusedOther';
}

/**
 * While a photo is missing on the device: try to download it now (if online), and again each
 * time the network comes back. True while a download is under way.
 */
function useFetchWhenMissing(sha256: string, missing: boolean): boolean {
  const [fetching, setFetching] = useState(false);
  useEffect(() => {
    if (!missing) return;
    let active = true;
    const attempt = () => {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
      setFetching(true);
      void fetchAttachment(sha256, getSyncEngine().api).then(() => {
        if (active) setFetching(false);
      });
    };
    attempt();
    window.addEventListener('online', attempt);
    return () => {
      active = false;
      window.removeEventListener('online', attempt);
    };
  }, [sha256, missing]);
  return fetching;
}

export function PhotoThumb({
  sha256,
  onRemove,
  alt,
}: {
  sha256: string;
  onRemove?: () => void;
  /** The image's text alternative; a service point's photo by default. */
  alt?: string;
}) {
  const t = useT();
  const row = useAttachment(sha256);
  const fetching = useFetchWhenMissing(sha256, row === null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!row) return;
    const objectUrl = URL.createObjectURL(row.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [row]);
  return (
    <figure className="photo">
      {row === undefined ? (
        <Spinner />
      ) : row === null ? (
        fetching ? (
          <Spinner />
        ) : (
          <div className="photo__missing">{t('points.photos.notOnDevice')}</div>
        )
      ) : url ? (
        <img
          src={url}
          alt={alt ?? t('points.photos.alt')}
          // A downloaded photo whose size could not be read has 0 × 0: let the image size itself.
          width={row.width > 0 ? row.width : undefined}
          height={row.height > 0 ? row.height : undefined}
          loading="lazy"
        />
      ) : null}
      {row ? (
        <figcaption className="photo__state">
          {row.uploadState === 'uploaded'
            ? t('points.photos.uploaded')
            : (row as StoredAttachment).uploadFailure
              ? t(failureLabel((row as StoredAttachment).uploadFailure!))
              : t('points.photos.pending')}
        </figcaption>
      ) : null}
      {onRemove ? (
        <Button variant="secondary" onClick={onRemove}>
          {t('points.photos.remove')}
        </Button>
      ) : null}
    </figure>
  );
}

/**
 * What the picker calls the pictures, already translated, where they are not a service point's
 * photos (a pilot's acceptance materials: 验收材料). Each one left out keeps the photo wording.
 */
export interface PhotoWording {
  /** The group's legend: 照片. */
  legend: string;
  /** The add button: 拍照或选择照片. */
  add: string;
  /** Each picture's text alternative: 服务点照片. */
  alt: string;
  /** Said when no more can be added: 最多 {max} 张照片。 */
  max: (max: number) => string;
}

export function PhotoPicker({
  photos,
  onChange,
  wording = {},
}: {
  photos: string[];
  onChange: (photos: string[]) => void;
  wording?: Partial<PhotoWording>;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    const added: string[] = [];
    try {
      for (const file of files.slice(0, MAX_PHOTOS - photos.length)) {
        const photo = await compressPhoto(file);
        await storeAttachment({
          sha256: photo.sha256,
          blob: photo.blob,
          type: photo.type,
          size: photo.size,
          width: photo.width,
          height: photo.height,
        });
        if (!photos.includes(photo.sha256) && !added.includes(photo.sha256))
          added.push(photo.sha256);
      }
    } catch {
      setError(t('points.photos.unreadable'));
    } finally {
      setBusy(false);
      if (added.length > 0) onChange([...photos, ...added]);
    }
  }

  return (
    <fieldset className="form__group">
      <legend>{wording.legend ?? t('points.field.photos')}</legend>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <div className="photo-grid">
        {photos.map((sha) => (
          <PhotoThumb
            key={sha}
            sha256={sha}
            alt={wording.alt}
            onRemove={() => onChange(photos.filter((p) => p !== sha))}
          />
        ))}
      </div>
      {photos.length < MAX_PHOTOS ? (
        <FileButton
          variant="secondary"
          busy={busy}
          accept="image/*"
          capture="environment"
          multiple
          disabled={busy}
          onChange={(e) => void onFiles(e)}
        >
          {busy ? <Spinner size="small" /> : null}
          <span>
            {busy ? t('points.photos.compressing') : (wording.add ?? t('points.photos.add'))}
          </span>
        </FileButton>
      ) : (
        <p className="field__hint">
          {wording.max?.(MAX_PHOTOS) ?? t('points.photos.max', { max: MAX_PHOTOS })}
        </p>
      )}
    </fieldset>
  );
}
