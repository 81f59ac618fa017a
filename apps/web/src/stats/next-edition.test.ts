import { describe, expect, it } from 'vitest';
import { editionBody, isNationalOffice, nextEditionDefaults } from './next-edition';

const SM_2026 = {
  id: '6c1f7a0e-0000-4000-8000-000000000001',
  code: 'SM-2026',
  name: '2026年“服务月”',
  title: '2026年“服务月”活动开展情况统计表',
  periodFrom: '2026-06-01',
  periodTo: '2026-06-30',
  deadline: '2026-07-10T09:00:00.000Z',
  rows: [],
};

describe('the next service-month edition', () => {
  it('proposes the latest edition a year on, the deadline in China time', () => {
    expect(nextEditionDefaults(SM_2026)).toEqual({
      code: 'SM-2027',
      name: '2027年“服务月”',
      title: '2027年“服务月”活动开展情况统计表',
      periodFrom: '2027-06-01',
      periodTo: '2027-06-30',
      deadline: '2027-07-10 17:00',
    });
    expect(nextEditionDefaults(undefined)).toBeUndefined();
  });

  it('sends the deadline as an instant at UTC+8 and names the template copied', () => {
    const body = editionBody({ ...nextEditionDefaults(SM_2026)!, code: ' SM-2027 ' }, 'SM-2026');
    expect(body).toMatchObject({ code: 'SM-2027', deadline: '2027-07-10T17:00:00+08:00', copyFrom: 'SM-2026' });
    expect(editionBody(nextEditionDefaults(SM_2026)!, undefined)).not.toHaveProperty('copyFrom');
  });

  it('lets only the national office open one', () => {
    const places = [
      { code: 'CN', level: 'national' },
      { code: '430000', level: 'province' },
    ];
    expect(isNationalOffice(places, 'CN')).toBe(true);
    expect(isNationalOffice(places, '430000')).toBe(false);
    expect(isNationalOffice(places, null)).toBe(false);
    expect(isNationalOffice(undefined, 'CN')).toBe(false);
  });
});
