/**
 * English strings of ./report.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './report';

export const en: Record<keyof typeof zh, string> = {
  'report.title': 'Yearly assessment report',
  'report.heading': '{area} assessment report {year}',
  'report.programme': 'Rural e-commerce programme, {prefecture}',
  'report.pageHeader': '{area} · assessment report {year}',
  'report.pagePrinted': 'Printed {date}',
  'report.pageNumber': 'Page {page} of {pages}',
  'report.yearValue': '{year}',
  'report.areaValue': '{name} ({code})',
  'report.prefecture': 'Whole prefecture',

  'report.link.title': 'Yearly assessment report',
  'report.link.description':
    "A county's or the prefecture's yearly report: print, save as PDF, download the workbook and all data",

  'report.tools.label': 'Report actions',
  'report.tools.area': 'Area',
  'report.tools.year': 'Year',
  'report.print': 'Print / save as PDF',
  'report.workbook': 'Download Excel workbook',
  'report.exportAll': 'Export all data (.zip)',
  'report.preparing': 'Preparing the file…',
  'report.prepared': '{file} is ready',
  'report.exportFailed': 'The file could not be made: {message}',
  'report.printHint': 'To save it, choose “Save as PDF” in the print window; paper A4 portrait.',

  'report.meta.label': 'About this report',
  'report.meta.area': 'Area',
  'report.meta.year': 'Year',
  'report.meta.asOf': 'Figures as of',
  'report.meta.asOfRunning': '{date} (year in progress: as of today)',
  'report.meta.source': 'Source',
  'report.meta.syncedAt': "This device's records, last synced with the server {time}",
  'report.meta.neverSynced':
    "This device's records; it has never synced with the server, so only what was entered on it",
  'report.meta.ranks': 'Ranks',
  'report.meta.ranksDevice':
    "Counted from the whole prefecture's records on this device (by the share of each county's own target)",
  'report.meta.ranksServer':
    "Counted by the server {time} (by the share of each county's own target)",
  'report.meta.ranksLoading': 'Asking the server for the ranks…',
  'report.meta.ranksUnavailable':
    "Not available: ranks need the whole prefecture's figures and this device holds only the county's records. Open this page once with a connection and the ranks are kept on the device.",
  'report.meta.printed': 'Printed',

  'report.section': '{n}. {title}',
  'report.metrics.heading': 'Assessment figures',
  'report.counties.heading': 'Counties: results and ranks',
  'report.gaps.heading': 'Villages without a service point',
  'report.pilots.heading': 'Central-town e-commerce pilots',
  'report.stores.heading': 'Specialty flagship stores',
  'report.sessions.heading': 'Training sessions',
  'report.sign.heading': 'Confirmation',

  'report.col.metric': 'Metric',
  'report.col.metricId': 'Metric id',
  'report.col.actual': 'Actual',
  'report.col.target': 'Target',
  'report.col.share': 'Share',
  'report.col.pace': 'Pace',
  'report.col.rank': 'Rank',
  'report.col.ranked': 'Counties ranked',
  'report.col.hint': 'Hint (by rural villages)',
  'report.col.villagesOf': 'Rural villages in the area',
  'report.col.counts': 'What is counted',
  'report.col.county': 'County',
  'report.col.countyCode': 'County code',
  'report.col.township': 'Township',
  'report.col.townshipCode': 'Township code',
  'report.col.rural': 'Rural villages',
  'report.col.covered': 'Covered',
  'report.col.uncovered': 'Not covered',
  'report.col.uncoveredOf': 'Not covered / villages',
  'report.col.townshipsWithGaps': 'Townships with gaps',
  'report.col.villages': 'Villages not covered',
  'report.col.status': 'Status',
  'report.col.proposed': 'Proposed',
  'report.col.approved': 'Approved',
  'report.col.inProgress': 'Started',
  'report.col.outcome': 'Accepted / ended',
  'report.col.accepted': 'Accepted on',
  'report.col.failed': 'Failed on',
  'report.col.milestones': 'Milestones',
  'report.col.milestonesDone': 'Milestones done',
  'report.col.milestonesTotal': 'Milestones',
  'report.col.store': 'Store',
  'report.col.platform': 'Platform',
  'report.col.openedOn': 'Opened on',
  'report.col.centralTown': 'Central town that year',
  'report.col.products': 'Main products',
  'report.col.url': 'Address',
  'report.col.date': 'Date',
  'report.col.startDate': 'Start date',
  'report.col.endDate': 'End date',
  'report.col.session': 'Session',
  'report.col.place': 'Held in',
  'report.col.trainer': 'Trainer',
  'report.col.hours': 'Hours',
  'report.col.listed': 'On the list',
  'report.col.present': 'Present',
  'report.col.late': 'Late',
  'report.col.absent': 'Absent',
  'report.col.attended': 'Attendances (present + late)',
  'report.col.year': 'Year',
  'report.col.percent': '{header} (%)',
  'report.col.group': '{group}: {header}',

  'report.noTarget': 'No target set',
  'report.hint': 'Hint {value}',
  'report.hintNote':
    "“Hint”: for a county without a target of its own, the prefecture's target shared out by the county's rural villages. For reference only, never the county's target.",
  'report.villagesOf': 'of {of} rural villages',
  'report.rankValue': '{rank} of {of}',
  'report.rankNone': 'Not ranked',
  'report.rankUnavailable': 'Not available',
  'report.rankNoneNote': '“Not ranked”: the county has no target for this metric.',
  'report.yes': 'Yes',
  'report.no': 'No',
  'report.none': '—',

  'report.counties.note':
    "Each cell: actual / target, share, rank (by the share of each county's own target; counties without a target are not ranked).",
  'report.counties.scrollHint': 'The table is wide: swipe sideways to see all of it.',
  'report.counties.total': 'Whole prefecture',
  'report.counties.unavailable': 'No county figures available.',

  'report.gaps.summary':
    'As of {date}, {area} has {rural} rural villages: {covered} with an open service point, {uncovered} without one.',
  'report.gaps.none': 'Every rural village has an open service point.',
  'report.gaps.noRural': 'The area has only urban communities, no rural villages.',
  'report.gaps.prefectureNote':
    'The villages one by one are in the workbook and in the exported data (“Villages not covered”).',
  'report.gaps.villageCount': '{count} / {rural}',

  'report.pilots.none': 'No central-town pilots in {year}.',
  'report.pilots.milestones': '{done} / {total}',
  'report.stores.none': 'No flagship stores.',
  'report.stores.note':
    "Flagship stores have no dated status: listed as they are now, those opened by the year's end, and for the running year also those being prepared.",
  'report.sessions.none': 'No training sessions were held in the area in {year}.',
  'report.sessions.total': 'Total',
  'report.sessions.note':
    "People trained and attendances are placed by each trainee's village; this table lists sessions where they were held.",

  'report.sign.unit': 'Office (seal)',
  'report.sign.person': 'Person in charge (signature)',
  'report.sign.date': 'Date',
  'report.sign.dateBlank': '________ (yyyy-mm-dd)',

  'report.noData.title': 'No data for {area} in {year}',
  'report.noData.body':
    'This device holds nothing for {area} in {year}: no open service points, training, pilots or flagship stores, and no targets set for that year. So no report full of zeros is made.',
  'report.noData.neverSynced':
    'This device has never synced with the server: log in and sync with a connection, then open this page again.',

  'report.bad.title': 'This report cannot be opened',
  'report.bad.unknownArea':
    '“{code}” is not the code of {prefecture} or one of its counties. Reports are made for counties and the whole prefecture; townships have none of their own.',
  'report.bad.badYear': '“{text}” is not a year: use four digits, e.g. {current}.',
  'report.bad.yearBeforeProgramme':
    '{year} is before the programme’s first year ({first}): there is nothing to assess.',
  'report.bad.yearInFuture':
    '{year} has not begun (this is {current}): there is nothing to assess yet. Next year’s targets can already be set under “Yearly targets”.',
  'report.bad.openCurrent': 'Open the {year} report',

  'report.refused.title': 'You cannot open this report',
  'report.refused.signedOut':
    'The report is counted from the records synced with the server: please log in first.',
  'report.refused.role':
    'Yearly reports are made by county coordinators and {admins}. Your account is a {role} account and cannot open them.',
  'report.refused.outsideScope':
    'You are responsible for {scope}, so you can open only the report of {scope}: this device does not hold all the records of other areas.',
  'report.refused.openOwn': 'Open the report of {area}',
  'report.refused.logIn': 'Log in',
  'report.loadFailed': 'The region data did not load. Open the page again with a connection.',

  'report.file.base': '{area}-{year}-assessment-report',
  'report.file.zip': '{area}-{year}-assessment-data',
  'report.file.meta': 'Figures as of {asOf} · {source} · exported {today}',
  'report.sheet.metrics': 'Figures',
  'report.sheet.counties': 'Counties ranked',
  'report.sheet.gaps': 'Villages not covered',
  'report.sheet.pilots': 'Pilots',
  'report.sheet.stores': 'Flagship stores',
  'report.sheet.sessions': 'Training sessions',
  'report.sheet.points': 'Service points',
  'report.sheet.attendance': 'Attendance',
  'report.sheet.centralTowns': 'Central towns',
  'report.sheet.shops': 'Agricultural shops',
};
