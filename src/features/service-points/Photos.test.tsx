/**
 * The photo picker serves the service point form (照片) and the pilot page, where the pictures are
 * acceptance materials (验收材料): the wording must follow the page, and a page that says nothing
 * keeps the photo wording.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PhotoPicker } from './Photos';

afterEach(cleanup);

describe('PhotoPicker wording', () => {
  it('says 照片 by default', () => {
    render(<PhotoPicker photos={[]} onChange={() => undefined} />);
    const group = screen.getByRole('group', { name: '照片' });
    expect(within(group).getByLabelText('拍照或选择照片')).toBeTruthy();
  });

  it('uses the page’s words, keeping the default for what it leaves out', () => {
    render(
      <PhotoPicker
        photos={[]}
        onChange={() => undefined}
        wording={{ legend: '验收材料', add: '拍照或选择验收材料' }}
      />,
    );
    const group = screen.getByRole('group', { name: '验收材料' });
    expect(within(group).getByLabelText('拍照或选择验收材料')).toBeTruthy();
    expect(screen.queryByText('照片')).toBeNull();
  });
});
