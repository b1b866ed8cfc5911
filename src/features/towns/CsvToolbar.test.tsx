/** CsvToolbar: the count said aloud, and the CSV of what the filters leave, not offered at none. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsvToolbar } from './shared';

describe('CsvToolbar', () => {
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('says the count politely and downloads the file under its name', async () => {
    // jsdom has no object URLs nor downloads: the blob and the link's click are caught instead.
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => (created.push(blob), 'blob:csv'),
      revokeObjectURL: () => undefined,
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    render(
      <CsvToolbar count="共 2 个" shown={2} filename="网店-2026.csv" csv={() => 'a,b\n1,2'} />,
    );
    expect(screen.getByText('共 2 个').getAttribute('aria-live')).toBe('polite');
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect(names).toEqual(['网店-2026.csv']);
    expect(await created[0]!.text()).toBe('a,b\n1,2');
  });

  it('offers no download while the filters leave nothing', () => {
    render(<CsvToolbar count="共 0 个" shown={0} filename="x.csv" csv={() => ''} />);
    expect((screen.getByRole('button', { name: '导出 CSV' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByText('共 0 个')).toBeTruthy();
  });
});
