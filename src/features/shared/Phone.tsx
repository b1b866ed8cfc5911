/**
 * A person's phone in a list row or on a detail page, shown by the one rule of
 * src/domain/scope.ts `showsFullPhone`: in full as a tap-to-call link for roles that may write the
 * record (and with nobody signed in), masked (138****5678) as plain text for the others.
 *
 * A list row that links to the record cannot contain the call link (links do not nest): such a
 * row is an `<li className="record-list__item record-list__item--stretched">` holding the record
 * link (`record-list__stretch`, stretched over the whole card) and, after it, the phone, which
 * sits above the stretched link and takes its own taps.
 */
import './phone.css';
import { useT } from '../../i18n';
import { maskPhone } from '../../domain/phoneMask';
import type { EntityName } from '../../domain/entities';
import { showsFullPhone } from '../../domain/scope';
import { useSession } from '../../db/live';

/**
 * Whether this device's user sees the entity's phones in full. While the session is still being
 * read (a few ms), masked: never flash a number to someone who may not see it.
 */
export function useShowsFullPhone(entity: EntityName): boolean {
  const session = useSession();
  if (session === undefined) return false;
  return showsFullPhone(session?.user.role ?? null, entity);
}

export interface PhoneProps {
  phone: string | null | undefined;
  /** From useShowsFullPhone (one call per list, not per row). */
  full: boolean;
  /** Whose phone, for the call link's accessible name ("拨打 王芳 13812345678"). */
  name?: string;
}

export function Phone({ phone, full, name }: PhoneProps) {
  const t = useT();
  if (!phone) return null;
  if (!full) return <span className="phone phone--masked">{maskPhone(phone)}</span>;
  return (
    <a
      href={`tel:${phone.replace(/[^\d+]/g, '')}`}
      className="phone phone--call"
      aria-label={
        name
          ? t('pointsMore.phone.callName', { name, phone })
          : t('pointsMore.phone.call', { phone })
      }
    >
      {phone}
    </a>
  );
}
