/**
 * index.html paints the shell's top bar as static HTML before any script has run (the first paint
 * of a cold start no longer waits for React, the database and the first screen: docs/
 * PERFORMANCE.md, sixth session). React's first commit replaces it with Layout's own top bar; if
 * the two differed, the page would change under the user's eyes (a layout shift, a name that
 * flickers). This test keeps them alike: same nesting, same classes, same brand link and text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createElement } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from './Layout';
import { zhCN } from '../i18n/zh-CN';

const html = readFileSync(resolve(process.cwd(), 'index.html'), 'utf8');

/** The static markup inside #root, as index.html has it. */
function staticRoot(): HTMLElement {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const root = doc.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  return root;
}

/** An element and its descendants as comparable data: tag, sorted attributes, own text. */
function shape(element: Element): unknown {
  return {
    tag: element.tagName.toLowerCase(),
    attributes: [...element.attributes].map((a) => `${a.name}=${a.value}`).sort(),
    text: [...element.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent?.trim())
      .join(''),
    children: [...element.children].map(shape),
  };
}

afterEach(cleanup);

describe('the static shell in index.html', () => {
  it('is the top bar of the app shell, in Chinese, with the app name', () => {
    const root = staticRoot();
    const shell = root.querySelector(':scope > .app-shell');
    const bar = shell?.querySelector(':scope > header.top-bar');
    expect(bar).toBeTruthy();
    expect(bar?.querySelector('.top-bar__name')?.textContent).toBe(zhCN['app.name']);
    // Nothing else: a part React does not render at the same place would jump when it commits.
    expect(root.querySelectorAll('*')).toHaveLength(5);
  });

  it("has the same brand link as Layout's top bar", () => {
    const { container } = render(createElement(Layout, null, createElement('p', null, 'screen')));
    const rendered = container.querySelector('.app-shell > header.top-bar > .top-bar__brand');
    const painted = staticRoot().querySelector('.app-shell > header.top-bar > .top-bar__brand');
    expect(rendered).toBeTruthy();
    expect(painted).toBeTruthy();
    expect(shape(painted!)).toEqual(shape(rendered!));
  });
});
