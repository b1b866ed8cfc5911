#!/usr/bin/env node
/**
 * Draws the app's logo (a teal tile with a white village shop under a signal arc: a connected
 * village) and writes every icon the manifest and index.html refer to, into public/icons/:
 *   favicon.svg              the vector original
 *   brand-56.png             the top bar's brand (28 px at 2×) and the tab's icon: a small PNG,
 *                            since an SVG image builds a whole SVG document on the page's main
 *                            thread during a cold start (docs/PERFORMANCE.md, eleventh session)
 *   icon-192.png, icon-512.png   "any" icons: rounded tile, transparent corners
 *   icon-maskable-512.png    full-bleed background, the mark inside the 80 % safe circle, so
 *                            Android's circle / squircle masks never cut it
 *   apple-touch-icon.png     180 px, square and opaque: iOS rounds the corners itself and would
 *                            turn transparent ones black
 * The PNGs are rendered by Chromium through playwright-core and committed; run again
 * (`node scripts/make-icons.mjs`) after changing the drawing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TEAL = '#0f766e';
const WHITE = '#ffffff';

/**
 * The mark, drawn on a 512 × 512 canvas (its own centre is at y ≈ 234, hence the offset that
 * centres it): a roof under two signal arcs, a shop body with a door. `scale` shrinks it towards
 * the centre for the maskable icon.
 */
function mark(scale) {
  return `
  <g transform="translate(256 256) scale(${scale}) translate(-256 -234)"
     fill="none" stroke="${WHITE}" stroke-linecap="round" stroke-linejoin="round">
    <path d="M188 136 A96 96 0 0 1 324 136" stroke-width="26" />
    <path d="M151 99 A148 148 0 0 1 361 99" stroke-width="26" opacity="0.85" />
    <path d="M116 276 L256 176 L396 276" stroke-width="34" />
    <path d="M158 262 V404 H354 V262" fill="${WHITE}" stroke-width="14" />
    <rect x="226" y="322" width="60" height="82" rx="10" fill="${TEAL}" stroke="none" />
  </g>`;
}

/** @param {{ shape: 'rounded' | 'full', scale: number }} options */
function logoSvg({ shape, scale }) {
  const background =
    shape === 'rounded'
      ? `<rect width="512" height="512" rx="112" fill="${TEAL}" />`
      : `<rect width="512" height="512" fill="${TEAL}" />`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${mark(scale)}
</svg>
`;
}

const OUTPUTS = [
  { file: 'brand-56.png', size: 56, shape: 'rounded', scale: 1 },
  { file: 'icon-192.png', size: 192, shape: 'rounded', scale: 1 },
  { file: 'icon-512.png', size: 512, shape: 'rounded', scale: 1 },
  // 0.8: the mark's farthest point (a corner of the body) is about 206 px from the centre at full
  // size; the safe circle's radius is 0.4 × 512 = 205 px. At 0.8 it is 165 px: inside every mask.
  { file: 'icon-maskable-512.png', size: 512, shape: 'full', scale: 0.8 },
  { file: 'apple-touch-icon.png', size: 180, shape: 'full', scale: 0.86 },
];

async function waitForChromium() {
  // Chromium may still be being installed by apt on a fresh machine.
  for (let attempt = 0; attempt < 10 && !existsSync(CHROMIUM_PATH); attempt += 1) {
    console.log(`waiting for ${CHROMIUM_PATH}…`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found`);
}

async function main() {
  await mkdir(ICONS_DIR, { recursive: true });
  await writeFile(join(ICONS_DIR, 'favicon.svg'), logoSvg({ shape: 'rounded', scale: 1 }));

  await waitForChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const output of OUTPUTS) {
      await page.setViewportSize({ width: output.size, height: output.size });
      const svg = logoSvg(output);
      await page.setContent(
        `<!doctype html><html><head><style>
          html, body { margin: 0; background: transparent; }
          svg { display: block; width: ${output.size}px; height: ${output.size}px; }
        </style></head><body>${svg}</body></html>`,
      );
      const png = await page.screenshot({
        clip: { x: 0, y: 0, width: output.size, height: output.size },
        omitBackground: output.shape === 'rounded',
      });
      await writeFile(join(ICONS_DIR, output.file), png);
      console.log(`wrote public/icons/${output.file} (${png.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
