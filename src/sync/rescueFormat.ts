/**
 * The rescue file's kind and format version, apart from its reader (./rescueFile.ts): the export
 * (./export.ts) rides in the sync engine's chunk that the start page loads, the reader and its
 * zod schemas only with the settings screen. docs/RESCUE.md describes the format.
 */
export const RESCUE_FILE_KIND = 'cundian-unsynced-export';
/** 2: formatVersion, origin and the user's displayName added. Absent in a file = 1. */
export const RESCUE_FORMAT_VERSION = 2;
