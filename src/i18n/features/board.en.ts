/**
 * English strings of ./board.ts: exactly its keys, the same {placeholders}. Loaded only when
 * the English locale is chosen (src/i18n/index.ts), never in the first screen's chunk.
 */
import type { zh } from './board';

export const en: Record<keyof typeof zh, string> = {
  'board.heading': 'Targets {year}',
  'board.year': 'Year',
  'board.yearValue': '{year}',
  'board.asOf': 'Synced {when}',
  'board.neverSynced': 'Never synced: only what was entered here',
  'board.elapsed': '{percent} of year gone',
  'board.pastYear': 'Whole year',
  'board.futureYear': 'Not started',
  'board.loadFailed': 'The region data did not load. Connect and open the app again.',
  'board.figure': '{actual} / {target}',
  'board.noTarget': 'No target set',
  'board.hint': 'Hint ≈ {hint}: share of the city target, not a target',
  'board.of.province': '{percent} of the province’s {of} villages',
  'board.of.prefecture': '{percent} of the city’s {of} villages',
  'board.of.county': '{percent} of the county’s {of} villages',
  'board.of.township': '{percent} of the township’s {of} villages',
  'board.pace.ahead': 'On pace',
  'board.pace.near': 'Slightly behind',
  'board.pace.behind': 'Behind',
  'board.pace.met': 'Met',
  'board.pace.nearlyMet': 'Nearly met',
  'board.pace.missed': 'Missed',
  'board.townshipNote':
    'Targets are set for counties and the areas above them only; a township sees its own figures.',
  'board.notKept': '{metrics}: not counted on this phone, whose records are not downloaded here.',
  'board.noData.title': 'No data for {year}',
  'board.noData.body': 'This phone has no records for {area} in that year, and no targets.',
  'board.noData.neverSynced':
    'This phone has never synced: log in and sync to download the records of your area.',
  'board.about.heading': 'About the programme',
  'board.about.intro':
    'The aims of {area}’s 2013 policy on rural e-commerce. Each county’s yearly targets are set by the city separately, above.',

  'notices.title': 'To do',
  'notices.badge': '{count} things need you',
  'notices.none': 'Nothing needs you.',
  'notices.refused': '{count} changes refused by the server: see why',
  'notices.conflicts': '{count} conflicting changes to review',
  'notices.behind': '{count} metrics behind pace',
  'notices.behindWhich': '{metrics} ({year})',
  'notices.more': '{count} more things need you',
  'notices.serverAsOf': 'Server figure of {when}',
  'notices.offlineAsOf': 'Offline: server figure of {when}',
  'notices.lineLabel': 'Needs you',
};
