/**
 * The platform of a flagship store or an agricultural shop: a choice from the configurable list
 * (DEFAULT_PLATFORMS) and, for 其他, the platform's name as typed. One piece for both forms, so
 * the two cannot come to offer different lists.
 */
import { useT } from '../../i18n';
import { DEFAULT_PLATFORMS } from '../../domain/flagshipStore';
import { InputField, SelectField } from '../../ui';

export function PlatformFields({
  label,
  platform,
  other,
  error,
  onChange,
}: {
  label: string;
  platform: string;
  /** The name typed for 其他. */
  other: string;
  error?: string;
  onChange: (change: { platform: string } | { platformOther: string }) => void;
}) {
  const t = useT();
  return (
    <>
      <SelectField
        label={label}
        required
        error={error}
        value={platform}
        onValue={(value) => onChange({ platform: value })}
        options={DEFAULT_PLATFORMS.map((p) => ({ value: p, label: t(`towns.platform.${p}`) }))}
      />
      {platform === 'other' ? (
        <InputField
          label={t('towns.store.platformOther')}
          value={other}
          maxLength={40}
          onValue={(value) => onChange({ platformOther: value })}
        />
      ) : null}
    </>
  );
}
