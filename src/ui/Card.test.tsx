/** Card: with a title id it is a region named by its heading; without, a plain section. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Card } from './Card';

describe('Card', () => {
  afterEach(cleanup);

  it('is a region named by its heading when given the heading’s id', () => {
    render(
      <Card titleId="board-about" title="关于本项目" className="coverage-list">
        <p>说明</p>
      </Card>,
    );
    const region = screen.getByRole('region', { name: '关于本项目' });
    expect(region.className).toBe('card coverage-list');
    const heading = screen.getByRole('heading', { level: 2, name: '关于本项目' });
    expect(heading.id).toBe('board-about');
    expect(heading.className).toBe('card__title');
  });

  it('is no named region without a title id, and its heading has the level asked for', () => {
    render(
      <Card title="同步" headingLevel={3}>
        <p>说明</p>
      </Card>,
    );
    expect(screen.queryByRole('region')).toBeNull();
    const heading = screen.getByRole('heading', { level: 3, name: '同步' });
    expect(heading.hasAttribute('id')).toBe(false);
    expect(heading.closest('section')!.hasAttribute('aria-labelledby')).toBe(false);
  });
});
