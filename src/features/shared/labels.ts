/**
 * Words for the sync screens: roles, areas, record kinds, refusal reasons, sync errors and the
 * age of waiting work, in the current language. Kept in one place so the panel, the login screen,
 * the conflicts inbox and the top-bar indicator say the same thing the same way.
 */
import { useCallback } from 'react';
import { useLocale, useT, type Locale, type MessageKey, type Translate } from '../../i18n';
import { useRegions } from '../../regions';
import type { BilingualMessage } from '../../db';
import { isEntityName } from '../../domain/entities';
import { fieldLabel } from '../../domain/fieldLabels';
import { areaNameOf } from '../../domain/areas';
import { deployment } from '../../domain/deployment';
import { isWholeArea, rootLevel, type AreaLevel } from '../../domain/levels';
import { SYNC_ERRORS, type Role, type Scope, type SyncError } from '../../domain/protocol';
import type { SyncProblem } from '../../sync';

/**
 * A role as users say it, named by the level of the user's area where that is known (issue 16):
 * an admin of a province is 省级管理员, of a prefecture 市级管理员, of a county 县级管理员. Without a
 * level (an audit entry, which keeps only the role) the role's own word. The one function every
 * screen names a role with (docs/ASSESSMENT.md "Targets at every level").
 */
export function roleLabel(t: Translate, role: Role, level?: AreaLevel): string {
  if (role === 'admin' && level) return t(`levels.role.admin.${level}`);
  return t(`auth.role.${role}`);
}

/**
 * The admins who set the plan and review what coordinators review, for refusal messages: 市级管理员
 * in a prefecture's deployment, 省级和市级管理员 in a province's.
 */
export function adminsLabel(t: Translate): string {
  return t(rootLevel() === 'province' ? 'levels.admins.province' : 'levels.admins.prefecture');
}

export function entityLabel(t: Translate, entity: string): string {
  return isEntityName(entity) ? t(`syncPanel.entity.${entity}`) : entity;
}

export function reasonLabel(t: Translate, reason: string): string {
  return (SYNC_ERRORS as readonly string[]).includes(reason)
    ? t(`syncPanel.reason.${reason as SyncError}`)
    : t('syncPanel.reason.other', { reason });
}

export function bilingual(message: BilingualMessage | null | undefined, locale: Locale) {
  return message ? message[locale] || message['zh-CN'] : null;
}

/** The sentence for a sync problem: the server's own words when it sent them, ours otherwise. */
export function problemText(t: Translate, locale: Locale, problem: SyncProblem): string {
  const key: MessageKey = `syncPanel.error.${problem.kind}`;
  const own = t(key);
  const server = bilingual(problem.messages, locale);
  return server && problem.kind !== 'offline' ? `${own} ${server}` : own;
}

/** "3 小时" / "3 hours": how long something has waited, in the largest sensible unit. */
export function formatAge(ms: number, locale: Locale, t: Translate): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('syncPanel.age.justNow');
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 60 * 24
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / (60 * 24)), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** "今天 14:05" style: date and time in the current locale. */
export function formatWhen(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Field names of a record kind as users know them. */
export function useFieldLabel() {
  const locale = useLocale();
  return useCallback(
    (entity: string, field: string) =>
      isEntityName(entity) ? fieldLabel(entity, field, locale) : field,
    [locale],
  );
}

/** The name of a user's area ("某某县", "某某镇") from the bundled gazetteer. */
export function useAreaLabel(): (scope: Scope) => string {
  const t = useT();
  const regions = useRegions();
  return useCallback(
    (scope: Scope) => {
      if (isWholeArea(scope))
        return t(scope.level === 'province' ? 'auth.scope.province' : 'auth.scope.prefecture');
      // A prefecture of a province deployment: named in the area file, not the gazetteer.
      const prefecture = deployment().prefectures.find(([code]) => code === scope.code);
      if (prefecture) return prefecture[1];
      return regions.status === 'ready'
        ? (regions.regions.placeLabel(scope.code) ?? scope.code)
        : scope.code;
    },
    [regions, t],
  );
}

/** A short name for a record in a list: its name or title when it has one. */
export function recordName(values: Record<string, unknown> | undefined, fallbackId: string) {
  const name = values?.name ?? values?.title ?? values?.storeName;
  return typeof name === 'string' && name.trim() !== '' ? name : fallbackId.slice(0, 8);
}

/**
 * Enumerated values with words of their own in the catalogues (the screens that own these records
 * say them the same way). Anything not listed is shown as stored.
 */
const VALUE_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  servicePoint: { tier: 'points.tier', services: 'points.service', status: 'points.status' },
  trainee: { kind: 'training.kind' },
  attendance: { status: 'training.status' },
};

/** Fields that repeat another one (status history ends in the status) or mean nothing alone. */
const QUIET_FIELDS = new Set(['statusHistory', 'photos']);

/**
 * A changed field as the user would say it: `服务项目：网络代购、农产品销售`, places by name, enum
 * values in words; empty values and derived fields left out (null).
 */
export function useDescribeChange() {
  const t = useT();
  const regions = useRegions();
  const label = useFieldLabel();
  return useCallback(
    (entity: string, field: string, value: unknown, withLabel = true): string | null => {
      if (QUIET_FIELDS.has(field)) return null;
      if (value === null || value === undefined || value === '') return null;
      if (Array.isArray(value) && value.length === 0) return null;
      const prefix = VALUE_KEYS[entity]?.[field];
      const word = (v: unknown) =>
        prefix && typeof v === 'string' ? t(`${prefix}.${v}` as MessageKey) : describeValue(v);
      let text: string;
      if (/Code$/.test(field) && typeof value === 'string' && regions.status === 'ready') {
        // A prefecture's own target (4 digits) is no place of the gazetteer: named from the area file.
        text = regions.regions.placeLabel(value) ?? areaNameOf(value, regions.regions) ?? value;
      } else if (field === 'location' && typeof value === 'object') {
        const { lat, lng } = value as { lat?: number; lng?: number };
        text = `${lat?.toFixed(5)}, ${lng?.toFixed(5)}`;
      } else if (Array.isArray(value)) {
        text = value.map(word).join('、');
      } else {
        text = word(value);
      }
      return withLabel ? `${label(entity, field)}：${text}` : text;
    },
    [t, regions, label],
  );
}

/** A field value as text: lists joined, objects as JSON (rare: locations, history entries). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join('、');
  return JSON.stringify(value);
}
