/**
 * The form is where a field officer meets the rules: the place cascade only offers what exists,
 * a wrong field is named with the reason in Chinese, nothing is half-saved, and what was typed
 * survives a reload as a draft.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRecords, loadDraft, writeSession, type CundianDb } from '../../db';
import { PointForm } from './PointForm';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('point-form');
  serveRegionFiles();
});

const select = (label: string, optionText: string) => {
  const el = screen.getByLabelText(label) as HTMLSelectElement;
  const option = Array.from(el.options).find((o) => o.text === optionText);
  if (!option) throw new Error(`no option ${optionText} in ${label}`);
  fireEvent.change(el, { target: { value: option.value } });
};
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('PointForm', () => {
  it('cascades county → township → village, and resets below when a level changes', async () => {
    render(<PointForm />);
    const township = (await screen.findByLabelText('乡镇（街道）')) as HTMLSelectElement;
    expect(township.disabled).toBe(true);
    select('区县', '淳安县');
    const townships = Array.from(township.options).map((o) => o.text);
    expect(townships).toContain('千岛湖镇');
    expect(townships).not.toContain('西湖街道');
    select('乡镇（街道）', '千岛湖镇');
    select('村（社区）', '富城村');
    expect((screen.getByLabelText('村（社区）') as HTMLSelectElement).value).toBe('330127100219');
    select('区县', '桐庐县');
    expect(township.value).toBe('');
    expect((screen.getByLabelText('村（社区）') as HTMLSelectElement).disabled).toBe(true);
  });

  it('names the wrong field in Chinese and writes nothing; saves when fixed', async () => {
    render(<PointForm />);
    await screen.findByLabelText('区县');
    select('区县', '淳安县');
    select('乡镇（街道）', '千岛湖镇');
    select('村（社区）', '富城村');
    type('服务点名称', '富城村服务点');
    type('运营人电话', '12345');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect(
      await screen.findByText('运营人电话：手机号应为 11 位数字，以 13–19 开头，例如 13812345678'),
    ).toBeTruthy();
    expect(await listRecords('servicePoint')).toEqual([]);
    expect(await db.outbox.count()).toBe(0);

    type('运营人电话', '13812345678');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('servicePoint')).toHaveLength(1));
    const [saved] = await listRecords('servicePoint');
    expect(saved).toMatchObject({
      name: '富城村服务点',
      regionCode: '330127100219',
      operatorPhone: '13812345678',
      status: 'planned',
    });
    expect(await loadDraft('servicePoint:new')).toBeNull();
  });

  it('a village point without a village is refused with the reason', async () => {
    render(<PointForm />);
    await screen.findByLabelText('区县');
    select('区县', '淳安县');
    select('乡镇（街道）', '千岛湖镇');
    type('服务点名称', '千岛湖镇服务点');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    expect((await screen.findAllByText(/村级服务点要选到村/)).length).toBeGreaterThan(0);
    expect(await db.servicePoints.count()).toBe(0);
  });

  it('restores a draft after a "reload" and can discard it', async () => {
    const first = render(<PointForm />);
    await screen.findByLabelText('区县');
    select('区县', '淳安县');
    type('服务点名称', '还没写完的服务点');
    await waitFor(async () => expect(await loadDraft('servicePoint:new')).not.toBeNull(), {
      timeout: 2000,
    });
    first.unmount();

    render(<PointForm />);
    expect(((await screen.findByLabelText('服务点名称')) as HTMLInputElement).value).toBe(
      '还没写完的服务点',
    );
    expect((screen.getByLabelText('区县') as HTMLSelectElement).value).toBe('330127');
    expect(screen.getByText(/已恢复.*未保存的草稿/)).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '放弃草稿' })));
    await waitFor(() =>
      expect((screen.getByLabelText('服务点名称') as HTMLInputElement).value).toBe(''),
    );
    expect(await loadDraft('servicePoint:new')).toBeNull();
    expect(screen.queryByText(/已恢复.*未保存的草稿/)).toBeNull();
  });

  it("offers only the officer's own township and starts there", async () => {
    await writeSession({
      token: 't',
      loggedInAt: '2026-03-01T00:00:00.000Z',
      user: {
        id: 'u1',
        username: 'officer',
        displayName: '专员',
        role: 'officer',
        scope: { level: 'township', code: '330127100' },
      },
    });
    render(<PointForm />);
    const county = (await screen.findByLabelText('区县')) as HTMLSelectElement;
    await waitFor(() => expect(county.value).toBe('330127'));
    expect(Array.from(county.options).map((o) => o.text)).toEqual(['请选择', '淳安县']);
    const township = screen.getByLabelText('乡镇（街道）') as HTMLSelectElement;
    expect(township.value).toBe('330127100');
    expect(Array.from(township.options).map((o) => o.text)).toEqual(['请选择', '千岛湖镇']);
    select('村（社区）', '富城村');
    expect(await loadDraft('servicePoint:new')).toBeNull(); // starting in the area made no draft
  });

  it("finds a village by name inside the officer's township only, and saves the place it fills", async () => {
    await writeSession({
      token: 't',
      loggedInAt: '2026-03-01T00:00:00.000Z',
      user: {
        id: 'u1',
        username: 'officer',
        displayName: '专员',
        role: 'officer',
        scope: { level: 'township', code: '330127100' },
      },
    });
    render(<PointForm />);
    const search = await screen.findByLabelText('按村名查找');
    await waitFor(() =>
      expect((screen.getByLabelText('乡镇（街道）') as HTMLSelectElement).value).toBe('330127100'),
    );
    // 光明村 exists three times in the prefecture, never in 千岛湖镇: nothing is offered.
    fireEvent.change(search, { target: { value: '光明' } });
    expect(screen.queryByRole('list', { name: '查找结果' })).toBeNull();
    expect(screen.getByText(/没有找到/)).toBeTruthy();

    fireEvent.change(search, { target: { value: '富城' } });
    fireEvent.click(screen.getByRole('button', { name: /富城村/ }));
    expect((screen.getByLabelText('村（社区）') as HTMLSelectElement).value).toBe('330127100219');
    type('服务点名称', '富城村服务点');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    await waitFor(async () => expect(await listRecords('servicePoint')).toHaveLength(1));
    expect((await listRecords('servicePoint'))[0]?.regionCode).toBe('330127100219');
  });

  it('warns about a likely duplicate in the same village before saving', async () => {
    const { saveRecord } = await import('../../actions');
    const { newServicePointFields } = await import('../../domain/servicePoint');
    await saveRecord('servicePoint', null, {
      ...newServicePointFields('2026-03-01'),
      regionCode: '330127100219',
      name: '富城村电商服务点',
    });
    render(<PointForm />);
    await screen.findByLabelText('区县');
    select('区县', '淳安县');
    select('乡镇（街道）', '千岛湖镇');
    select('村（社区）', '富城村');
    expect(await screen.findByText('可能已经登记过：')).toBeTruthy();
    expect(screen.getByText(/这个村已有服务点/)).toBeTruthy();
  });
});
