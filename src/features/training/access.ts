/**
 * Who may change a training record: the one rule for every screen (features/shared/access.ts,
 * src/domain/scope.ts mayWrite), which the server applies to every push.
 */
import { useSession } from '../../db';

export { useMayWrite } from '../shared/access';

/**
 * The user's area as a region code for the place pickers: a county (6 digits) or township
 * (9 digits), or '' for the whole prefecture and with nobody signed in. Only this area is offered
 * (the server refuses a record placed elsewhere).
 */
export function useScopeCode(): string {
  const session = useSession();
  const scope = session?.user.scope;
  return scope && scope.level !== 'prefecture' ? scope.code : '';
}
