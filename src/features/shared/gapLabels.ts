/** The gap list's column titles, for the map's gap-list export and the report's gap table. */
import type { Translate } from '../../i18n';
import type { GapCsvLabels } from '../../domain/gapList';

/** The gap list's column titles (gapListCsv's), in the user's language. */
export function gapLabels(t: Translate): GapCsvLabels {
  return {
    county: t('map.csv.county'),
    township: t('map.csv.township'),
    village: t('map.csv.village'),
    officialName: t('map.csv.officialName'),
    code: t('map.csv.code'),
    townshipCovered: t('map.csv.townshipCovered'),
    townshipRural: t('map.csv.townshipRural'),
  };
}
