import { AccreditationState } from './accreditation/accreditation.types';
import { JurisdictionLevel } from './jurisdiction.util';
import {
  addCandidateProblem,
  candidateProblem,
  type CandidateFacts,
  ProgrammeIntake,
  type RecommendingProgramme,
  submitListProblem,
} from './recommendation.util';
import { UnitKind } from './unit-kind';

const HUANGDAO = '/CN/370000/370200/370211/';
const QINGDAO = '/CN/370000/370200/';
const cityProgramme: RecommendingProgramme = {
  intake: ProgrammeIntake.Recommendation,
  unitKind: UnitKind.Enterprise,
  level: JurisdictionLevel.City,
  path: QINGDAO,
};
const designated: CandidateFacts = {
  unitKind: UnitKind.Enterprise,
  level: JurisdictionLevel.District,
  state: AccreditationState.Designated,
  validUntil: '2029-12-06',
  jurisdictionPath: `${HUANGDAO}370211-FTZ/`,
};
const today = '2026-12-07';

describe('candidateProblem', () => {
  it('lets a district bureau recommend its valid district designation to the city programme', () => {
    expect(candidateProblem(designated, cityProgramme, HUANGDAO, today)).toBeNull();
  });

  it('names the first rule broken', () => {
    expect(candidateProblem(designated, { ...cityProgramme, intake: ProgrammeIntake.Open }, HUANGDAO, today)).toBe(
      'programme_intake',
    );
    expect(candidateProblem(designated, cityProgramme, QINGDAO, today)).toBe('bureau_below_programme');
    expect(candidateProblem(designated, cityProgramme, '/CN/430000/', today)).toBe('bureau_below_programme');
    expect(candidateProblem({ ...designated, state: AccreditationState.Revoked }, cityProgramme, HUANGDAO, today)).toBe(
      'candidate_designated',
    );
    expect(candidateProblem({ ...designated, validUntil: '2026-12-06' }, cityProgramme, HUANGDAO, today)).toBe(
      'candidate_valid',
    );
    expect(
      candidateProblem(
        { ...designated, jurisdictionPath: '/CN/370000/370200/370202/' },
        cityProgramme,
        HUANGDAO,
        today,
      ),
    ).toBe('candidate_in_bureau');
    expect(candidateProblem({ ...designated, level: JurisdictionLevel.City }, cityProgramme, HUANGDAO, today)).toBe(
      'candidate_level_below',
    );
    expect(candidateProblem({ ...designated, unitKind: UnitKind.Station }, cityProgramme, HUANGDAO, today)).toBe(
      'candidate_unit_kind',
    );
  });

  it('takes the last valid day as still valid and a title without an end as valid', () => {
    expect(candidateProblem({ ...designated, validUntil: today }, cityProgramme, HUANGDAO, today)).toBeNull();
    expect(candidateProblem({ ...designated, validUntil: null }, cityProgramme, HUANGDAO, today)).toBeNull();
  });
});

describe('candidate counts per recommending bureau', () => {
  it('refuses one more candidate at the maximum only', () => {
    expect(addCandidateProblem(1, 2)).toBeNull();
    expect(addCandidateProblem(2, 2)).toMatch(/maximum/);
    expect(addCandidateProblem(50, null)).toBeNull();
  });

  it('submits a list between the minimum (at least one) and the maximum', () => {
    expect(submitListProblem(0, null, null)).toMatch(/at least 1/);
    expect(submitListProblem(1, 2, 3)).toMatch(/at least 2/);
    expect(submitListProblem(2, 2, 3)).toBeNull();
    expect(submitListProblem(3, 2, 3)).toBeNull();
    expect(submitListProblem(4, 2, 3)).toMatch(/at most 3/);
  });
});
