import { describe, expect, it } from 'vitest';
import { isDarkColour } from '../../core/colour';

describe('isDarkColour', () => {
  it.each([
    ['rgb(255, 255, 255)', false],
    ['rgb(253, 252, 249)', false],
    ['rgb(128, 128, 128)', false],
    ['rgb(21, 24, 29)', true],
    ['rgb(0, 0, 0)', true],
    ['rgb(34 39 46)', true],
    ['rgba(13, 17, 23, 0.9)', true],
    ['rgb(0 0 128 / 80%)', true],
  ])('reads %s as dark: %s', (css, dark) => {
    expect(isDarkColour(css)).toBe(dark);
  });

  it.each([['rgba(0, 0, 0, 0)'], ['rgba(0, 0, 0, 0.2)'], ['transparent'], ['color(srgb 0 0 0)'], ['']])('cannot tell from %j', (css) => {
    expect(isDarkColour(css)).toBeUndefined();
  });
});
