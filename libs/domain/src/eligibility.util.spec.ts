import { AccreditationState as S } from './accreditation/accreditation.types';
import { inExpertPool, stationProblem } from './eligibility.util';
import { UnitKind } from './unit-kind';

const HUNAN = '/CN/430000/';
const station = {
  unitKind: UnitKind.Station,
  state: S.Designated,
  validUntil: '2029-11-30',
  jurisdictionPath: '/CN/430000/430100/430100-FTZ/',
};

describe('stationProblem', () => {
  it('accepts a designated station, valid today, inside the base programme', () => {
    expect(stationProblem(station, HUNAN, '2026-12-01')).toBeNull();
    expect(stationProblem(station, HUNAN, '2029-11-30')).toBeNull();
    expect(stationProblem({ ...station, validUntil: null }, HUNAN, '2040-01-01')).toBeNull();
  });

  it('names the first rule broken', () => {
    for (const state of [S.Revoked, S.PublicNotice, S.Rejected, S.Withdrawn, S.Draft])
      expect(stationProblem({ ...station, state }, HUNAN, '2026-12-01')).toBe('station_designated');
    expect(stationProblem({ ...station, unitKind: UnitKind.Enterprise }, HUNAN, '2026-12-01')).toBe(
      'station_designated',
    );
    expect(stationProblem(station, HUNAN, '2029-12-01')).toBe('station_valid');
    expect(stationProblem({ ...station, jurisdictionPath: '/CN/370000/370200/' }, HUNAN, '2026-12-01')).toBe(
      'station_in_jurisdiction',
    );
    expect(stationProblem(station, '/CN/430000/430600/', '2026-12-01')).toBe('station_in_jurisdiction');
  });
});

describe('inExpertPool', () => {
  const QD_FTZ = '/CN/370000/370200/370211/370211-FTZ/';
  it('takes evaluators inside the programme jurisdiction or above it on its line', () => {
    expect(inExpertPool('/CN/370000/370200/', QD_FTZ, false)).toBe(true); // Qingdao city's experts
    expect(inExpertPool(QD_FTZ, QD_FTZ, false)).toBe(true);
    expect(inExpertPool('/CN/', QD_FTZ, false)).toBe(true);
    expect(inExpertPool('/CN/430000/430100/', HUNAN, false)).toBe(true); // a Changsha expert for a Hunan programme
  });

  it('refuses another branch of the tree, or no jurisdiction, unless invited', () => {
    expect(inExpertPool(HUNAN, QD_FTZ, false)).toBe(false);
    expect(inExpertPool('/CN/370000/370200/370202/', QD_FTZ, false)).toBe(false); // a sibling district
    expect(inExpertPool(null, QD_FTZ, false)).toBe(false);
    expect(inExpertPool(HUNAN, QD_FTZ, true)).toBe(true);
    expect(inExpertPool(null, QD_FTZ, true)).toBe(true);
  });
});
