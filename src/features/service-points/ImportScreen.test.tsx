/**
 * An officer imports a spreadsheet that also lists points of the next township: the preview must
 * say which rows lie outside their area, in words with the area's name, and import only what the
 * server will accept — instead of the rows bouncing back from the server after sync.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRecords, writeSession, type CundianDb } from '../../db';
import { ImportScreen } from './ImportScreen';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('import-screen');
  serveRegionFiles();
});

const CSV = [
  '服务点名称,区县,乡镇（街道）,村（社区）',
  '绕城村服务点,西湖区,三墩镇,绕城村',
  '富城村服务点,淳安县,千岛湖镇,富城村',
].join('\r\n');

async function chooseFile() {
  const input = (await screen.findByText('选择 CSV 文件', {}, { timeout: 10_000 }))
    .closest('label')!
    .querySelector('input[type=file]')!;
  const file = new File([`\uFEFF${CSV}`], 'points.csv', { type: 'text/csv' });
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

describe('ImportScreen and the user’s area', () => {
  it('marks a row outside a township officer’s area as an error and imports only the others', async () => {
    await writeSession(
      {
        token: 't',
        user: {
          id: 'u1',
          username: 'officer',
          displayName: '三墩镇专员',
          role: 'officer',
          scope: { level: 'township', code: '330106109' },
        },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );
    render(<ImportScreen />);
    await chooseFile();

    expect(await screen.findByText(/1 行可以导入，1 行有问题/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(
      '第 3 行：所在地：不在你的工作范围（西湖区三墩镇）内',
    );
    // Nothing offers to import all rows; only the good one can go.
    expect(screen.queryByRole('button', { name: /导入全部/ })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '只导入没有问题的 1 行' }));
    });
    expect(await screen.findByText(/已导入 1 个服务点/)).toBeTruthy();
    expect((await listRecords('servicePoint')).map((p) => p.name)).toEqual(['绕城村服务点']);
  });

  it('checks no area when nobody is signed in', async () => {
    render(<ImportScreen />);
    await chooseFile();
    expect(await screen.findByText(/2 行可以导入，0 行有问题/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: '导入全部 2 个服务点' })).toBeTruthy();
  });
});
