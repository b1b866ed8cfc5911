// Test setup for the jsdom project: real IndexedDB semantics through fake-indexeddb, and Node's
// Blob/File so blobs survive a round trip through it (STACK.md trap 5).
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';
import { loadCatalogue, loadScreenStrings } from '../src/i18n';

Object.assign(globalThis, { Blob, File });

// The English catalogue is a lazy chunk in the app (src/i18n); tests switch to English with a
// plain setLocale('en') and expect English at once, so it is loaded before any test runs. So are
// the other screens' Chinese strings (a chunk the app loads with those screens): tests render a
// screen on its own, not through its route.
await loadCatalogue('en');
await loadScreenStrings();
