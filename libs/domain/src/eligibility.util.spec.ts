import { AccreditationState as S } from './accreditation/accreditation.types';
import { inExpertPool, organisationKindProblem, stationProblem, unsupportedKinds } from './eligibility.util';
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

describe('organisation kinds', () => {
  it('lets each kind of organisation apply only for the titles it can hold', () => {
    expect(organisationKindProblem('enterprise', UnitKind.Enterprise, ['enterprise'])).toBeNull();
    expect(organisationKindProblem('park', UnitKind.Enterprise, ['enterprise'])).toBe('organisation_kind');
    expect(organisationKindProblem('association', UnitKind.Station, ['park', 'association'])).toBeNull();
    expect(organisationKindProblem('government', UnitKind.PilotRegion, ['government'])).toBeNull();
    expect(organisationKindProblem('enterprise', UnitKind.PilotRegion, ['government'])).toBe('organisation_kind');
    expect(organisationKindProblem('government', UnitKind.Point, ['enterprise', 'park'])).toBe('organisation_kind');
  });

  it("holds an organisation to the programme's narrower list", () => {
    expect(organisationKindProblem('enterprise', UnitKind.Station, ['park', 'association'])).toBe('organisation_kind');
    expect(organisationKindProblem('park', UnitKind.Station, ['park'])).toBeNull();
  });

  it('never lets a programme admit a kind its unit kind does not allow', () => {
    expect(organisationKindProblem('government', UnitKind.Enterprise, ['enterprise', 'government'])).toBe(
      'organisation_kind',
    );
    expect(unsupportedKinds(UnitKind.Enterprise, ['enterprise', 'government', 'park'])).toEqual(['government', 'park']);
    expect(unsupportedKinds(UnitKind.Base, ['park', 'association'])).toEqual([]);
    expect(unsupportedKinds(UnitKind.Point, ['cooperative'])).toEqual(['cooperative']);
  });
});
