/**
 * The platform of a flagship store or an agricultural shop: a choice from the configurable list
 * (DEFAULT_PLATFORMS) and, for 其他, the platform's name as typed. One piece for both forms, so
 * the two cannot come to offer different lists.
 */
import { useT } from '../../i18n';
import { DEFAULT_PLATFORMS } from '../../domain/flagshipStore';
import { InputField, SelectField } from '../../ui';
import type { RecordForm } from './recordForm';

export function PlatformFields<S extends { platform: string; platformOther: string }>({
  label,
  form,
}: {
  label: string;
  /** The record form (useRecordForm) whose `platform` and `platformOther` these fields edit. */
  form: RecordForm<S>;
}) {
  const t = useT();
  const { platform, platformOther } = form.form;
  return (
    <>
      <SelectField
        label={label}
        required
        error={form.errorFor('platform')}
        value={platform}
        onValue={(value) => form.set({ platform: value } as Partial<S>)}
        options={DEFAULT_PLATFORMS.map((p) => ({ value: p, label: t(`towns.platform.${p}`) }))}
      />
      {platform === 'other' ? (
        <InputField
          label={t('towns.store.platformOther')}
          value={platformOther}
          maxLength={40}
          onValue={(value) => form.set({ platformOther: value } as Partial<S>)}
        />
      ) : null}
    </>
  );
}
