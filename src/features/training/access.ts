/**
 * Who may change a training record: the one rule for every screen (features/shared/access.ts,
 * src/domain/scope.ts mayWrite), which the server applies to every push.
 */
export { useMayWrite, useScopeCode } from '../shared/access';
