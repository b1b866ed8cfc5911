/**
 * English strings of ./assessment.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './assessment';

export const en: Record<keyof typeof zh, string> = {
  'assessment.title': 'Assessment',
  'assessment.moreDescription': 'Counties side by side, monthly trends and yearly targets',
  'assessment.nav.label': 'Assessment pages',
  'assessment.nav.table': 'Counties',
  'assessment.nav.trends': 'Trends',
  'assessment.nav.targets': 'Targets',
  'assessment.metric': 'Metric',
  'assessment.loadFailed': 'The region data did not load. Connect and open this page again.',
  'assessment.prefectureName': '{name} (prefecture)',
  'assessment.report': '{area}: assessment report {year}',

  'assessment.legend': 'Key:',
  'assessment.legendFuture': 'This year has not started: no pace yet.',
  'assessment.noTarget': 'No target',

  'assessment.asOf.server': 'Counted {time} by the server, kept on this phone for offline use',
  'assessment.asOf.device': 'Counted from this device’s records, last synced {time}',
  'assessment.asOf.deviceNever': 'Counted from this device’s records (never synced)',

  'assessment.table.heading': 'Counties in {year}',
  'assessment.table.caption': '{metric}: each county’s figure, target, share and rank',
  'assessment.table.captionWide': 'Each county’s figures, targets and shares in {year}',
  'assessment.table.county': 'County',
  'assessment.table.actual': 'Done',
  'assessment.table.target': 'Target',
  'assessment.table.share': 'Share',
  'assessment.table.rank': 'Rank',
  'assessment.table.rankValue': '#{rank}',
  'assessment.table.mine': 'Yours',
  'assessment.table.sortHint': 'Tap a header to sort.',
  'assessment.table.totalNote':
    'The prefecture row is the prefecture’s own figure against its own target, not a sum of the counties’ targets.',
  'assessment.table.myRank': '{county} ranks {rank} of {of} counties with a target for “{metric}”.',
  'assessment.table.myRankNone': '{county} has no target for “{metric}”, so it is not ranked.',
  'assessment.table.unavailable':
    'The county table is counted by the server. This phone has not received the {year} table yet: open it once while connected, then it works offline too.',
  'assessment.table.empty': 'Nothing was recorded in {year}, and no target is set.',
  'assessment.table.figure': '{actual} / {target}',

  'assessment.county.heading': '{county} · {year}',
  'assessment.county.back': 'Back to the counties',
  'assessment.county.notFound': 'No such county',
  'assessment.county.figures': 'Against the county’s own targets',
  'assessment.county.rank': 'Rank',
  'assessment.county.rankOf': '{rank} of {of}',
  'assessment.county.hint':
    'Its share of the prefecture’s target by rural villages would be about {hint} (a hint, not its target)',
  'assessment.county.trends': 'Monthly trends of this county',
  'assessment.county.townships': 'Townships',
  'assessment.county.townshipsNote':
    'Townships have no targets: only their figures are listed (villages covered with their share), to find the townships that need help.',
  'assessment.county.townshipsUnavailable':
    'The township records of {county} are not on this phone (a phone downloads only its own area), so no townships are listed here.',
  'assessment.county.township': 'Township',
  'assessment.county.covered': '{covered} / {of} villages',

  'assessment.trends.heading': '{area} · {year} month by month',
  'assessment.trends.area': 'Area',
  'assessment.trends.thisYear': '{year}',
  'assessment.trends.lastYear': '{year} (last year)',
  'assessment.trends.pace': 'Pace line (to the target)',
  'assessment.trends.counting': 'Counting month by month…',
  'assessment.trends.notStarted': '{year} has not started: no monthly figures yet.',
  'assessment.trends.summary':
    'By {day}: {actual}; on pace would be {pace} (target for the year {target}); last year by then {lastYear}.',
  'assessment.trends.summaryNoTarget':
    'By {day}: {actual} (no target set, so no pace line); last year by then {lastYear}.',
  'assessment.trends.values': 'Monthly values',
  'assessment.trends.month': 'Month',
  'assessment.trends.chartLabel': '{metric}, cumulative by month (the values are in the table)',
  'assessment.trends.chartFailed': 'The chart did not load; the table lists the same values.',
  'assessment.trends.none': '—',

  'assessment.targets.heading': 'Targets for {year}',
  'assessment.targets.intro':
    'The prefecture row holds the prefecture’s own targets; each county row that county’s. Start from last year, a split by rural villages or the policy’s figures, then edit cell by cell: nothing changes until you press Save.',
  'assessment.targets.readOnly':
    'Only {admins} can change targets. These are the targets of {area} and of your county.',
  'assessment.targets.notForRole':
    'Yearly targets are set by {admins}; county coordinators can read their county’s.',
  'assessment.targets.prefecture': 'Prefecture',
  'assessment.targets.lastYear': 'Last year {value}',
  'assessment.targets.lastYearNone': 'None last year',
  'assessment.targets.inputLabel': '{area}: target for “{metric}”',
  'assessment.targets.copyForward': 'Copy from {year}',
  'assessment.targets.copied':
    'Copied {count} targets from {year} (empty cells only; filled ones unchanged). Check them, then press Save.',
  'assessment.targets.nothingToCopy':
    '{year} has no targets to copy, or those cells are filled already.',
  'assessment.targets.split': 'Split over the counties by villages',
  'assessment.targets.splitLabel':
    'Split the prefecture’s “{metric}” target over the counties by their rural villages',
  'assessment.targets.splitShort': 'Split',
  'assessment.targets.splitDone':
    'Split the prefecture’s “{metric}” target of {total} over the counties by their rural villages; the parts add up to exactly {total} and replace the counties’ figures. Check them, then press Save.',
  'assessment.targets.splitNeedsTotal':
    'Fill in the prefecture’s “{metric}” target (a whole number) first, then split it.',
  'assessment.targets.policy': 'Fill in the policy’s figures',
  'assessment.targets.policyDone':
    'Filled in {count} of the policy’s figures (empty cells only). The policy: ≥ 1500 service points within 3 years, ≥ 100 agricultural sites or shops on the platform, a flagship store in every central town by 2015, 800 village officials and young entrepreneurs trained a year, ≥ 2 central-town pilots a year in each county.',
  'assessment.targets.policyNone': 'The cells of the policy’s figures are filled already.',
  'assessment.targets.changed': '{count} changes not saved',
  'assessment.targets.noChanges': 'No unsaved changes',
  'assessment.targets.save': 'Save',
  'assessment.targets.discard': 'Discard changes',
  'assessment.targets.saved': 'Saved {count} targets. They sync to the server when connected.',
  'assessment.targets.unchanged': 'Nothing to save.',
  'assessment.targets.invalid': '{count} cells are not valid targets, so nothing was saved:',
  'assessment.targets.cell': '{area} · {metric}',
  'assessment.targets.problem.notNumber': '{cell}: “{value}” is not a number.',
  'assessment.targets.problem.notInteger': '{cell}: a target is a whole number, not “{value}”.',
  'assessment.targets.problem.negative': '{cell}: a target cannot be negative (“{value}”).',
  'assessment.targets.problem.tooLarge': '{cell}: a target cannot be over {max}.',
  'assessment.targets.cellProblem.notNumber': 'Not a number',
  'assessment.targets.cellProblem.notInteger': 'Whole numbers only',
  'assessment.targets.cellProblem.negative': 'Cannot be negative',
  'assessment.targets.cellProblem.tooLarge': 'Too large',
  'assessment.targets.absurd':
    'These targets are over 100 times last year’s. Are you sure there is no extra zero?',
  'assessment.targets.absurdItem': '{cell}: {value} (last year {lastYear})',
  'assessment.targets.absurdConfirm': 'Yes, save',
  'assessment.targets.absurdBack': 'Go back and edit',
  'assessment.targets.failed': 'Saving failed; nothing was saved. Please try again.',
  'assessment.targets.edited': 'Edited',
};
