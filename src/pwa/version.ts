/**
 * The app's version as shown in settings. A constant rather than an import of package.json, which
 * would put the whole file in the bundle; version.test.ts fails when the two drift apart.
 */
export const APP_VERSION = '0.1.0';
