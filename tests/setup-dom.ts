// Test setup for the jsdom project: real IndexedDB semantics through fake-indexeddb, and Node's
// Blob/File so blobs survive a round trip through it (STACK.md trap 5).
import 'fake-indexeddb/auto';
import { Blob, File } from 'node:buffer';

Object.assign(globalThis, { Blob, File });
