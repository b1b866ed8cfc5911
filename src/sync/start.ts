/**
 * What the app shell loads to start the engine (src/app/App.tsx), once the first screen has shown
 * its data: a module of its own, so the build gives it a chunk of its own that scripts/size.mjs
 * can name (the engine's modules are shared with the screens, and their chunk's name is not the
 * module's).
 */
export { startSync } from './engine';
/** Watched by the shell: a phone told to wipe goes to the sign-in screen (src/app/App.tsx). */
export { appSyncStore } from './store';
