/** The CSV guard and its undoing on import. */
import { describe, expect, it } from 'vitest';
import { cellReader, spreadsheetSafe } from './spreadsheetSafe';

describe('spreadsheetSafe and cellReader', () => {
  it('reads a cell by column, trimmed, and undoes the guard the export put in', () => {
    const columns = ['name', null, 'phone'] as const;
    const get = cellReader([' 王芳 ', 'x', spreadsheetSafe('+8613812345678')], columns);
    expect(spreadsheetSafe('+8613812345678')).toBe("'+8613812345678");
    expect(get('name')).toBe('王芳');
    expect(get('phone')).toBe('+8613812345678');
  });

  it("gives '' for a column the file lacks or a short row, and keeps other apostrophes", () => {
    const get = cellReader<'a' | 'b' | 'c'>(["'quoted'"], ['a', 'b']);
    expect(get('a')).toBe("'quoted'");
    expect(get('b')).toBe('');
    expect(get('c')).toBe('');
  });
});
