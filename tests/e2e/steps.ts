/**
 * A browser story told in steps: each `it` of the describe that calls storySteps() starts where
 * the one before left the phone (the same server, browser and page), so a failure names the step
 * that broke. Once a step has failed, the steps after it are skipped rather than failing for the
 * same reason — the report shows one red step and where the story stopped.
 */
import { afterEach, beforeEach } from 'vitest';

export function storySteps(): void {
  let brokenAt: string | null = null;
  beforeEach((context) => {
    if (brokenAt) context.skip(`the story stopped at: ${brokenAt}`);
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') brokenAt ??= context.task.name;
  });
}
