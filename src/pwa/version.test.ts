/** The version shown to users must be the one the package is released as. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { APP_VERSION } from './version';

it('matches package.json', () => {
  // Vitest runs from the repository root.
  const packageJson = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as {
    version: string;
  };
  expect(APP_VERSION).toBe(packageJson.version);
});
