/** FileButton: its words name the hidden file input, and it looks like a Button of its variant. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileButton } from './FileButton';

describe('FileButton', () => {
  afterEach(cleanup);

  it('is a primary button by default whose words name the file input it holds', () => {
    const onChange = vi.fn();
    render(
      <FileButton accept=".csv,text/csv" onChange={onChange}>
        <span>选择 CSV 文件</span>
      </FileButton>,
    );
    const input = screen.getByLabelText('选择 CSV 文件') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,text/csv');
    expect(input.className).toBe('visually-hidden');
    expect(input.closest('label')!.className).toBe('button button--primary file-button');
    fireEvent.change(input);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('shows its variant and, while busy, is-busy', () => {
    render(
      <FileButton variant="secondary" busy disabled accept="image/*">
        <span>正在压缩</span>
      </FileButton>,
    );
    const input = screen.getByLabelText('正在压缩') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(input.closest('label')!.className).toBe('button button--secondary file-button is-busy');
  });
});
