/**
 * The trainee's village is picked by typing, in a form, often at the door of a hall with a queue
 * behind. Enter in the search box must never submit the form half-filled; the keyboard and a
 * status line must work as in every other place picker (it is the same VillageSearch); the
 * session's township comes first, and nothing outside the user's area is offered (the server
 * would refuse the trainee). Runs on the real Hangzhou gazetteer.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VillagePicker } from './VillagePicker';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();
afterEach(() => cleanup());

function Harness(props: { scope?: string; prefer?: string; onSubmit?: () => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit?.();
      }}
    >
      <VillagePicker
        regions={regions}
        value={code}
        onChange={setCode}
        scope={props.scope}
        prefer={props.prefer}
      />
      <span data-testid="code">{code}</span>
      <button type="submit">保存</button>
    </form>
  );
}

const box = () => screen.getByRole('searchbox', { name: '村（社区）' });
const status = () => screen.getByRole('status').textContent;
const options = () =>
  within(screen.getByRole('list', { name: '查找结果' }))
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('VillagePicker', () => {
  it('never submits the form with Enter; Enter takes a single match', () => {
    const submit = vi.fn();
    render(<Harness onSubmit={submit} />);
    fireEvent.change(box(), { target: { value: '东山' } });
    expect(status()).toBe('找到 6 个，点一下选中');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByTestId('code').textContent).toBe('');

    fireEvent.change(box(), { target: { value: '富城' } });
    expect(status()).toBe('找到 1 个，点一下选中');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByTestId('code').textContent).toBe('330127100219');
    expect(screen.getByTestId('village-chosen').textContent).toContain('富城村');
    expect(status()).toContain('已选：');
  });

  it('moves through the matches with the arrow keys and clears with Escape', () => {
    render(<Harness />);
    fireEvent.change(box(), { target: { value: '下姜' } });
    const buttons = within(screen.getByRole('list', { name: '查找结果' })).getAllByRole('button');
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box());
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect((box() as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('list', { name: '查找结果' })).toBeNull();
  });

  it('says when a character is missing and when nothing is found', () => {
    render(<Harness scope="330127100" />);
    fireEvent.change(box(), { target: { value: '富' } });
    expect(status()).toBe('再输入一个字');
    fireEvent.change(box(), { target: { value: '下姜' } }); // 下姜村 is in 枫树岭镇, not here
    expect(status()).toBe('在你的范围内没有找到这个村，换个字试试');
  });

  it('lists the session’s township first, and stays inside the user’s area', () => {
    // 东山 is in six villages and communities of four districts.
    const { unmount } = render(<Harness prefer="330111111" />);
    fireEvent.change(box(), { target: { value: '东山' } });
    expect(options()).toHaveLength(6);
    expect(options()[0]).toContain('东山下村');
    expect(options()[0]).toContain(regions.township('330111111')!.name);
    unmount();

    // A coordinator of 萧山区 (330109) is offered its two 东山村 only, named by township.
    render(<Harness scope="330109" prefer="330109104" />);
    fireEvent.change(box(), { target: { value: '东山' } });
    expect(options()).toEqual([
      `东山村${regions.township('330109104')!.name}`,
      `东山村${regions.township('330109101')!.name}`,
    ]);
    fireEvent.click(screen.getAllByRole('button', { name: /东山村/ })[0]!);
    expect(screen.getByTestId('code').textContent!.slice(0, 9)).toBe('330109104');
  });
});
