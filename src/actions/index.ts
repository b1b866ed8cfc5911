/** User intents: validate with the domain schemas, then write row + outbox entry in one transaction. */
export {
  saveRecord,
  importRecords,
  updateRecord,
  deleteRecord,
  ValidationFailed,
  RecordNotFound,
  WriteNotAllowed,
  type SaveResult,
} from './records';
export { changeServicePointStatus, TransitionRefused } from './servicePoints';
export {
  markCentralTown,
  unmarkCentralTown,
  changeStoreStatus,
  changePilotStatus,
  setTarget,
  setTargets,
} from './towns';
export {
  markAttendance,
  addToRoster,
  registerWalkIn,
  removeFromRoster,
  deleteSession,
  AlreadyCheckedIn,
  AttendanceRefused,
} from './training';
