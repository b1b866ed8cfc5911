/**
 * Pace in words, one vocabulary for every assessment screen (概览's board, the report): while the
 * year runs, how the share of the target compares with the share of the year gone by (进度正常 /
 * 稍慢 / 落后); for a year gone by it is the result (已完成 / 接近完成 / 未完成). The colours and
 * icons stay with each screen; the words (board.pace.*) are the same everywhere.
 */
import type { Pace } from '../../domain/metrics';

export type PaceWord = 'ahead' | 'near' | 'behind' | 'met' | 'nearlyMet' | 'missed';

/** A past year's pace is its result: met, nearly met, missed. */
export function paceWord(pace: Pace, past: boolean): PaceWord {
  if (!past) return pace;
  return pace === 'ahead' ? 'met' : pace === 'near' ? 'nearlyMet' : 'missed';
}
