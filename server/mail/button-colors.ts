/**
 * The colours of an email's call-to-action button, from the practice's primary colour: white
 * text where it reaches 4.5:1 on that colour (WCAG 1.4.3), otherwise black text, which
 * then always does (one of the two reaches 4.58:1 on any colour). A colour that is not
 * #rrggbb falls back to the widgets' default primary.
 */
export const DEFAULT_BRAND_COLOR = '#1d5f8a';
const WHITE = '#ffffff';
const INK = '#000000';
const MINIMUM_CONTRAST = 4.5;

export interface ButtonColors {
  background: string;
  text: string;
}

export function buttonColors(brandColor: string): ButtonColors {
  const background = /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor.toLowerCase() : DEFAULT_BRAND_COLOR;
  const text = contrastRatio(WHITE, background) >= MINIMUM_CONTRAST ? WHITE : INK;
  return { background, text };
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
