/** Screen: the section is named by its h1, and a screen's own class sits beside `screen`. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Screen } from './Screen';

describe('Screen', () => {
  it('is a region named by its title, with the title as the h1 and the content after it', () => {
    render(
      <Screen titleId="lock-title" title="已锁定" className="lock">
        <p>输入密码继续</p>
      </Screen>,
    );
    const region = screen.getByRole('region', { name: '已锁定' });
    expect(region.className).toBe('screen lock');
    const heading = screen.getByRole('heading', { level: 1, name: '已锁定' });
    expect(heading.id).toBe('lock-title');
    expect(heading.compareDocumentPosition(screen.getByText('输入密码继续'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });

  it('is only `screen` without a class of its own', () => {
    render(<Screen titleId="t" title="审计日志" />);
    expect(screen.getByRole('region', { name: '审计日志' }).className).toBe('screen');
  });
});
