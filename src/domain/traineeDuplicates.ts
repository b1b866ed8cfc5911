/**
 * Likely duplicate trainees: the same person entered twice (by two trainers offline, by a walk-in
 * who was already on a township's list, by a second import). Counted twice, one person would
 * inflate the yearly 800-trained figure. Rules (issue 6): the same name and the same phone, or
 * the same name in the same village. Used to warn before saving a trainee, and by the roster
 * import to match rows to people already on the device.
 */
import { normaliseName, type Trainee } from './trainee';
import { addTo } from './groups';

export type TraineeDuplicateReason = 'sameNamePhone' | 'sameNameVillage';

type Candidate = Pick<Trainee, 'id' | 'name' | 'villageCode' | 'phone'>;
type Existing = Candidate & Pick<Trainee, 'deleted'>;

export interface TraineeMatch<T extends Existing = Existing> {
  trainee: T;
  reason: TraineeDuplicateReason;
}

/** Digits of a mainland mobile number, +86 and separators removed; '' when there is none. */
export function normalisePhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/**
 * Builds a matcher over existing trainees once (two hash maps), so an import of hundreds of rows
 * against thousands of trainees costs one lookup per row rather than a scan.
 */
export function traineeMatcher<T extends Existing>(existing: readonly T[]) {
  const byNamePhone = new Map<string, T[]>();
  const byNameVillage = new Map<string, T[]>();
  for (const t of existing) {
    if (t.deleted) continue;
    const name = normaliseName(t.name);
    if (name === '') continue;
    const phone = normalisePhone(t.phone);
    if (phone !== '') addTo(byNamePhone, `${name}|${phone}`, t);
    if (t.villageCode) addTo(byNameVillage, `${name}|${t.villageCode}`, t);
  }
  return (candidate: Candidate): TraineeMatch<T>[] => {
    const name = normaliseName(candidate.name);
    if (name === '') return [];
    const phone = normalisePhone(candidate.phone);
    const seen = new Set<string>([candidate.id]);
    const matches: TraineeMatch<T>[] = [];
    // Same name and phone is the stronger sign (a phone belongs to one person): listed first.
    for (const t of phone !== '' ? (byNamePhone.get(`${name}|${phone}`) ?? []) : []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      matches.push({ trainee: t, reason: 'sameNamePhone' });
    }
    for (const t of candidate.villageCode
      ? (byNameVillage.get(`${name}|${candidate.villageCode}`) ?? [])
      : []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      matches.push({ trainee: t, reason: 'sameNameVillage' });
    }
    return matches;
  };
}

/** Existing trainees that look like the candidate, the strongest reason first. */
export function findLikelyTraineeDuplicates<T extends Existing>(
  candidate: Candidate,
  existing: readonly T[],
): TraineeMatch<T>[] {
  return traineeMatcher(existing)(candidate);
}
