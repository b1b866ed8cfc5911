/**
 * The import flow both CSV imports share. What must hold whatever the feature: nothing is written
 * before the confirmation, every bad row is listed with its line and its reasons (up to a limit,
 * then a count), the write shows its progress, and a file that cannot be read or a write that
 * fails says so and lets the user start again. Driven with a tiny "feature" of its own: lines of
 * the file are rows, a line reading "bad" is a bad row.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportFlow, PREVIEW_ROWS, SHOWN_ERRORS, type ImportProgress } from './ImportFlow';

interface Row {
  line: number;
  text: string;
}
interface Preview {
  valid: Row[];
  invalid: Row[];
}

afterEach(cleanup);

const WORDING = {
  choose: '选择文件',
  reading: '正在检查',
  writing: '正在写入',
  unreadable: '读不出来',
  writeFailed: '没写进去',
  summary: ({ file, valid, invalid }: { file: string; valid: number; invalid: number }) =>
    `${file}：${valid} 好，${invalid} 坏`,
  errorsTitle: '坏行',
  line: (line: number) => `第 ${line} 行：`,
  moreErrors: (count: number) => `还有 ${count} 行坏的`,
  previewTitle: '预览',
  moreRows: (count: number) => `还有 ${count} 行好的`,
  another: '换一个',
  done: (count: number) => `写好了 ${count} 行`,
};

async function readLines(text: string, onProgress: ImportProgress): Promise<Preview> {
  if (text.startsWith('BROKEN')) throw new Error('not a CSV');
  const rows = text.split('\n').map((t, i) => ({ line: i + 2, text: t }));
  onProgress(rows.length, rows.length);
  return {
    valid: rows.filter((r) => r.text !== 'bad'),
    invalid: rows.filter((r) => r.text === 'bad'),
  };
}

function Flow({ write }: { write: (p: Preview, onProgress: ImportProgress) => Promise<number> }) {
  return (
    <ImportFlow
      wording={WORDING}
      read={readLines}
      write={write}
      intro={<p>说明</p>}
      notices={(p) => (p.invalid.length > 0 ? <p>有坏行</p> : null)}
      problemsOf={() => ['名称：必填', '所在地：不在范围内']}
      renderRow={(row) => <span>{row.text}</span>}
      confirm={(p) => ({ label: `写入 ${p.valid.length} 行` })}
      doneLink={<a href="/back">返回</a>}
    />
  );
}

async function choose(text: string, name = 'list.csv') {
  const input = screen.getByLabelText(WORDING.choose);
  await act(async () => {
    fireEvent.change(input, { target: { files: [new File([text], name)] } });
  });
}

describe('ImportFlow', () => {
  it('previews with counts and reasons, writes only on confirm, shows progress, then done', async () => {
    const written: Row[][] = [];
    let finish: (count: number) => void = () => {};
    let report: ImportProgress = () => {};
    const write = (p: Preview, onProgress: ImportProgress) => {
      written.push(p.valid);
      report = onProgress;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    render(<Flow write={write} />);
    expect(screen.getByText('说明')).toBeTruthy();
    await choose(['甲', 'bad', '乙'].join('\n'));

    expect(screen.getByText('list.csv：2 好，1 坏')).toBeTruthy();
    expect(screen.getByText('有坏行')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      '坏行第 3 行：名称：必填；所在地：不在范围内',
    );
    expect(screen.getByText('甲')).toBeTruthy();
    expect(screen.getByText('乙')).toBeTruthy();
    expect(written).toEqual([]);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '写入 2 行' }));
    });
    expect(written).toEqual([
      [
        { line: 2, text: '甲' },
        { line: 4, text: '乙' },
      ],
    ]);
    const bar = screen.getByRole('progressbar', { name: '正在写入' });
    expect(bar.getAttribute('aria-valuemax')).toBe('2');
    act(() => report(1, 2));
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    await act(async () => finish(2));
    expect(screen.getByText(/写好了 2 行/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '返回' })).toBeTruthy();
  });

  it('lists at most SHOWN_ERRORS bad rows and counts the rest; says how many good rows are not shown', async () => {
    render(<Flow write={() => Promise.resolve(0)} />);
    const lines = [
      ...Array.from({ length: SHOWN_ERRORS + 3 }, () => 'bad'),
      ...Array.from({ length: PREVIEW_ROWS + 4 }, (_, i) => `好${i}`),
    ];
    await choose(lines.join('\n'));
    expect(screen.getByRole('alert').querySelectorAll('li')).toHaveLength(SHOWN_ERRORS);
    expect(screen.getByText('还有 3 行坏的')).toBeTruthy();
    expect(screen.getByText('还有 4 行好的')).toBeTruthy();
    expect(screen.queryByText(`好${PREVIEW_ROWS}`)).toBeNull();
  });

  it('offers no confirmation when no row is good, and goes back to choosing a file', async () => {
    render(<Flow write={() => Promise.resolve(0)} />);
    await choose('bad');
    expect(screen.queryByRole('button', { name: /写入/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '换一个' }));
    expect(screen.getByLabelText(WORDING.choose)).toBeTruthy();
  });

  it('says so when the file cannot be read, and lets the user choose again', async () => {
    render(<Flow write={() => Promise.resolve(0)} />);
    await choose('BROKEN');
    expect(screen.getByText('读不出来')).toBeTruthy();
    await choose('甲');
    expect(screen.getByText('list.csv：1 好，0 坏')).toBeTruthy();
  });

  it('says so when the write fails', async () => {
    render(<Flow write={() => Promise.reject(new Error('quota'))} />);
    await choose('甲');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '写入 1 行' }));
    });
    expect(screen.getByText('没写进去')).toBeTruthy();
    expect(screen.getByLabelText(WORDING.choose)).toBeTruthy();
  });
});
