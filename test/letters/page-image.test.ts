import { describe, expect, it } from 'vitest';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import { demandBody, gbModel, usModel } from './fixtures.ts';
import { renderPng, writePdf } from './pdf-tools.ts';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which follows the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('a letter page renders to an image', () => {
  it.each([
    // 50 dpi: US Letter is 8.5 × 11 in, A4 is 210 × 297 mm.
    ['en-US', usModel(), 425, 550],
    ['en-GB', gbModel(), 413, 585],
  ] as const)('%s page 1 at 50 dpi', async (_, model, width, height) => {
    const path = writePdf(await renderLetter({ kind: 'demand', model, body: demandBody }));
    const png = renderPng(path, 1, 50);
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    const size = pngSize(png);
    expect(Math.abs(size.width - width)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - height)).toBeLessThanOrEqual(1);
    // Not a blank page: a good share of the image is ink.
    expect(png.length).toBeGreaterThan(5_000);
  });
});
