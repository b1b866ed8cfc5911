// Before each file of the jsdom project (vite.config.ts, `client`): @testing-library/react's
// fireEvent told what the app's renderer listens to, as that library does for React's own event
// system (its mouseEnter, blur, select…). The app runs on preact/compat (docs/PERFORMANCE.md,
// "Preact instead of React"), which answers a text field's onChange on the field's `input` event,
// the one a browser fires at each keystroke (React listens to `change` as well). fireEvent.change
// on a text field or a text area therefore fires `input` and then `change`, as a browser does when
// the user types and leaves the field. Checkboxes, radios, file pickers and selects keep `change`
// alone (preact/compat listens to `change` there, as a browser fires it there).
import { fireEvent } from '@testing-library/react';

const ADAPTED = Symbol.for('cundian.tests.preactChange');
const holder = fireEvent as typeof fireEvent & { [ADAPTED]?: true };

/** A field preact/compat gives its onChange on `input` (its own rule, compat/src/render.js). */
function typedInto(node: unknown): boolean {
  if (node instanceof HTMLTextAreaElement) return true;
  return node instanceof HTMLInputElement && !/fil|che|rad/.test(node.type);
}

// setupFiles run before every file, and the files share one copy of the module: adapt it once.
if (!holder[ADAPTED]) {
  holder[ADAPTED] = true;
  const change = fireEvent.change;
  fireEvent.change = (node, init) => {
    if (!typedInto(node)) return change(node, init);
    fireEvent.input(node, init);
    return change(node);
  };
}
