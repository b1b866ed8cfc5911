/** ListScreen: a Screen named by its title, with the link to a new record in its header. */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListScreen } from './ListScreen';

describe('ListScreen', () => {
  it('is a region named by its h1, the new-record link beside the title, the list after', () => {
    render(
      <ListScreen
        titleId="points-title"
        title="服务点"
        className="point-list"
        newRecord={{ href: '/points/new', label: '新增服务点', icon: 'pin' }}
      >
        <ul aria-label="列表" />
      </ListScreen>,
    );
    const region = screen.getByRole('region', { name: '服务点' });
    expect(region.className).toBe('screen point-list');
    const header = region.querySelector('header.screen__header')!;
    expect(within(header as HTMLElement).getByRole('heading', { level: 1 }).id).toBe(
      'points-title',
    );
    const link = within(header as HTMLElement).getByRole('link', { name: '新增服务点' });
    expect(link.getAttribute('href')).toBe('/points/new');
    expect(link.className).toBe('button button--primary');
    expect(header.compareDocumentPosition(screen.getByRole('list'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });
});
