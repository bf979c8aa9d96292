/**
 * Whether a computed CSS colour (`rgb(…)`/`rgba(…)`, as getComputedStyle gives it) is dark, by its
 * relative luminance; `undefined` for a colour that is mostly transparent or not in that form.
 */
export function isDarkColour(css: string): boolean | undefined {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number.parseFloat(match[4]) / 100 : Number(match[4]);
  if (alpha < 0.5) return undefined;
  // WCAG relative luminance of the sRGB colour.
  const [r, g, b] = [match[1], match[2], match[3]].map((channel) => {
    const c = Math.min(255, Number(channel)) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}
