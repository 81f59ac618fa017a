import { describe, expect, it } from 'vitest';
import { areasInside, overridesQuotas, overridesUsed, programmesInView, setsQuotas, usageTone } from './quota-roles';

const PLACES = [
  { code: 'CN', path: '/CN/' },
  { code: '430000', path: '/CN/430000/' },
  { code: '430100', path: '/CN/430000/430100/' },
  { code: '430100-FTZ', path: '/CN/430000/430100/430100-FTZ/' },
  { code: '370000', path: '/CN/370000/' },
];

describe('who sets, overrides and sees quotas', () => {
  it('lets the programme bureau set quotas and only a bureau above it override', () => {
    expect(setsQuotas('430000', '430000')).toBe(true);
    expect(setsQuotas('CN', '430000')).toBe(false);
    expect(overridesQuotas(PLACES, 'CN', '430000')).toBe(true);
    expect(overridesQuotas(PLACES, '430000', '430000')).toBe(false);
    expect(overridesQuotas(PLACES, '430100-FTZ', '430000')).toBe(false);
    expect(overridesQuotas(PLACES, '370000', '430100-FTZ')).toBe(false);
    expect(overridesQuotas(PLACES, null, '430000')).toBe(false);
  });

  it('offers the areas strictly inside the programme and the programmes in the bureau subtree', () => {
    expect(areasInside(PLACES, '430000').map((p) => p.code)).toEqual(['430100', '430100-FTZ']);
    const programmes = [
      { code: 'HN', jurisdictionCode: '430000' },
      { code: 'CS', jurisdictionCode: '430100-FTZ' },
      { code: 'SD', jurisdictionCode: '370000' },
    ];
    expect(programmesInView(PLACES, '430000', programmes).map((p) => p.code)).toEqual(['HN', 'CS']);
    expect(programmesInView(PLACES, 'CN', programmes)).toHaveLength(3);
    expect(programmesInView(PLACES, null, programmes)).toEqual([]);
  });

  it('flags an area below its minimum before one that is merely short or full', () => {
    expect(usageTone({ belowMinimum: true, remaining: 2, shortfall: 1 })).toBe('error');
    expect(usageTone({ belowMinimum: false, remaining: 2, shortfall: 1 })).toBe('warning');
    expect(usageTone({ belowMinimum: false, remaining: 0, shortfall: 0 })).toBe('processing');
    expect(usageTone({ belowMinimum: false, remaining: 1, shortfall: 0 })).toBe('success');
  });

  it('reads the overrides a designation used from its history payload', () => {
    const used = { id: 'o1', jurisdictionCode: '430100-FTZ', extraPlaces: 1, reason: '追加' };
    expect(overridesUsed({ quotaRemaining: null, quotaOverrides: [used] })).toEqual([used]);
    expect(overridesUsed({ quotaRemaining: 1 })).toEqual([]);
    expect(overridesUsed(null)).toEqual([]);
    expect(overridesUsed({ quotaOverrides: [{ id: 'x' }] })).toEqual([]);
  });
});
