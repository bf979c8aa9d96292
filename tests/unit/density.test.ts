import { describe, expect, it } from 'vitest';
import { applyDensity, type Density } from '../../core/density';

// Two paragraphs: A has huawei, huawei, 5g; B has huawei, 5g, 5g.
const mentions = [
  { id: 1, topic: 'huawei', block: 'A' },
  { id: 2, topic: 'huawei', block: 'A' },
  { id: 3, topic: '5g', block: 'A' },
  { id: 4, topic: 'huawei', block: 'B' },
  { id: 5, topic: '5g', block: 'B' },
  { id: 6, topic: '5g', block: 'B' },
];

describe('applyDensity', () => {
  it.each<[Density, number[]]>([
    ['all', [1, 2, 3, 4, 5, 6]],
    ['first-per-paragraph', [1, 3, 4, 5]],
    ['first-per-page', [1, 3]],
  ])('%s keeps mentions %j', (density, expected) => {
    expect(applyDensity(mentions, density).map((m) => m.id)).toEqual(expected);
  });
});
