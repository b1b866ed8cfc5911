/**
 * E-commerce platforms as the user reads them: an id from the configurable list
 * (DEFAULT_PLATFORMS) in the user's language, free text as typed. Shared by the towns screens and
 * the assessment report, which list the same stores and shops.
 */
import { useT } from '../../i18n';
import { DEFAULT_PLATFORMS } from '../../domain/flagshipStore';

const PLATFORM_IDS: readonly string[] = DEFAULT_PLATFORMS;

/** A platform id from the configurable list in the user's language; free text as typed. */
export function usePlatformLabel(): (platform: string) => string {
  const t = useT();
  return (platform) =>
    PLATFORM_IDS.includes(platform)
      ? t(`towns.platform.${platform as (typeof DEFAULT_PLATFORMS)[number]}`)
      : platform;
}

export function isKnownPlatform(platform: string): boolean {
  return PLATFORM_IDS.includes(platform) && platform !== 'other';
}
