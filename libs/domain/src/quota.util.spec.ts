import { allowedPlaces, areaQuotaProblems, areaUsage, overrideForNext, supervisesProgramme } from './quota.util';

const PATHS: Record<string, string> = {
  '430000': '/CN/430000/',
  '430100': '/CN/430000/430100/',
  '430100-FTZ': '/CN/430000/430100/430100-FTZ/',
  '430600-FTZ': '/CN/430000/430600/430600-FTZ/',
  '370211-FTZ': '/CN/370000/370200/370211/370211-FTZ/',
};
const pathOf = (code: string) => PATHS[code];

describe('area quotas', () => {
  it('accepts areas inside the programme with 0 ≤ min ≤ max', () => {
    expect(
      areaQuotaProblems(
        [
          { jurisdictionCode: '430100-FTZ', min: 1, max: 2 },
          { jurisdictionCode: '430600-FTZ', min: 2, max: 2 },
        ],
        PATHS['430000'],
        pathOf,
      ),
    ).toEqual([]);
  });

  it('names the field of min above max, an area outside, the programme itself, a repeat and an unknown code', () => {
    const problems = areaQuotaProblems(
      [
        { jurisdictionCode: '430100-FTZ', min: 3, max: 2 },
        { jurisdictionCode: '370211-FTZ', min: 0, max: 1 },
        { jurisdictionCode: '430000', min: 0, max: 1 },
        { jurisdictionCode: '430100-FTZ', min: 0, max: 1 },
        { jurisdictionCode: '999999', min: 0, max: 1 },
      ],
      PATHS['430000'],
      pathOf,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'areas.0.min',
      'areas.1.jurisdictionCode',
      'areas.2.jurisdictionCode',
      'areas.3.jurisdictionCode',
      'areas.4.jurisdictionCode',
    ]);
    expect(problems[0].message).toBe('min 3 is above max 2 for 430100-FTZ');
    expect(problems[1].message).toMatch(/not an area inside/);
    expect(problems[3].message).toMatch(/named twice/);
    expect(problems[4].message).toMatch(/unknown/);
  });

  it('adds the overrides to the maximum', () => {
    expect(allowedPlaces(2, [])).toBe(2);
    expect(allowedPlaces(2, [{ extraPlaces: 1 }, { extraPlaces: 2 }])).toBe(5);
  });

  it('says which override the next designation uses, in the order they were recorded', () => {
    const a = { id: 'a', extraPlaces: 1 };
    const b = { id: 'b', extraPlaces: 2 };
    expect(overrideForNext(2, 0, [a, b])).toBeNull();
    expect(overrideForNext(2, 1, [a, b])).toBeNull();
    expect(overrideForNext(2, 2, [a, b])).toBe(a);
    expect(overrideForNext(2, 3, [a, b])).toBe(b);
    expect(overrideForNext(2, 4, [a, b])).toBe(b);
    expect(overrideForNext(2, 5, [a, b])).toBeNull();
    expect(overrideForNext(2, 2, [])).toBeNull();
  });

  it('counts remaining places, the shortfall and flags an area below its minimum once no notice is left open', () => {
    expect(areaUsage({ min: 1, max: 2 }, 0, 3, [])).toEqual({
      allowed: 2,
      remaining: 2,
      shortfall: 1,
      belowMinimum: false,
    });
    expect(areaUsage({ min: 1, max: 2 }, 0, 0, [])).toEqual({
      allowed: 2,
      remaining: 2,
      shortfall: 1,
      belowMinimum: true,
    });
    expect(areaUsage({ min: 1, max: 2 }, 3, 0, [{ extraPlaces: 1 }])).toEqual({
      allowed: 3,
      remaining: 0,
      shortfall: 0,
      belowMinimum: false,
    });
    // a quota lowered under what was already designated never shows negative places
    expect(areaUsage({ min: 0, max: 1 }, 2, 0, []).remaining).toBe(0);
  });

  it('lets only a bureau strictly above the programme supervise it', () => {
    expect(supervisesProgramme('/CN/', PATHS['430000'])).toBe(true);
    expect(supervisesProgramme('/CN/430000/', PATHS['430100-FTZ'])).toBe(true);
    expect(supervisesProgramme('/CN/430000/430100/', PATHS['430100-FTZ'])).toBe(true);
    expect(supervisesProgramme(PATHS['430000'], PATHS['430000'])).toBe(false);
    expect(supervisesProgramme(PATHS['430100-FTZ'], PATHS['430000'])).toBe(false);
    expect(supervisesProgramme('/CN/370000/', PATHS['430100-FTZ'])).toBe(false);
    expect(supervisesProgramme(null, PATHS['430000'])).toBe(false);
  });
});
