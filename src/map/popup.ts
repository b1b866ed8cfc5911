/**
 * Popup and tooltip content for Leaflet, built from DOM nodes with textContent only. Leaflet's
 * bindPopup(string) and setContent(string) set innerHTML: a service point named
 * `<img src=x onerror=alert(1)>` would run its script on every phone that opens the map
 * (DESIGN.md §7). Everything that goes into a Leaflet popup, tooltip or divIcon is built here or
 * the same way — never a string of HTML with data in it.
 */

export interface PopupRow {
  label: string;
  value: string;
}

export interface PopupLink {
  href: string;
  text: string;
  /**
   * Called instead of following the link on a plain click (client-side navigation); the link
   * still works as a link for a middle click, a long press or a screen reader.
   */
  onNavigate?: (href: string) => void;
}

export interface PopupContent {
  title: string;
  /** A small coloured tag under the title (e.g. the status). */
  badge?: { text: string; className: string };
  rows?: readonly PopupRow[];
  link?: PopupLink;
}

/** A popup's content as an element; every piece of text is a text node. */
export function buildPopup(content: PopupContent, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup';

  const title = doc.createElement('p');
  title.className = 'map-popup__title';
  title.textContent = content.title;
  root.append(title);

  if (content.badge) {
    const badge = doc.createElement('span');
    badge.className = content.badge.className;
    badge.textContent = content.badge.text;
    root.append(badge);
  }

  if (content.rows && content.rows.length > 0) {
    const list = doc.createElement('dl');
    list.className = 'map-popup__rows';
    for (const row of content.rows) {
      const dt = doc.createElement('dt');
      dt.textContent = row.label;
      const dd = doc.createElement('dd');
      dd.textContent = row.value;
      list.append(dt, dd);
    }
    root.append(list);
  }

  if (content.link) {
    const { href, text, onNavigate } = content.link;
    const a = doc.createElement('a');
    a.className = 'map-popup__link';
    // Only same-origin paths are built here (/points/<id>); the id is encoded by the caller.
    a.setAttribute('href', href);
    a.textContent = text;
    if (onNavigate) {
      a.addEventListener('click', (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onNavigate(href);
      });
    }
    root.append(a);
  }
  return root;
}

/** A short text element for a tooltip or an icon label. */
export function textElement(
  text: string,
  className: string,
  tag: keyof HTMLElementTagNameMap = 'span',
  doc: Document = document,
): HTMLElement {
  const el = doc.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}
