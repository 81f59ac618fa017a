import { JurisdictionLevel } from './jurisdiction.util';
import {
  pilotListProblem,
  pilotRankingProblem,
  dueOnOfHalfYear,
  endOfChinaDay,
  halfYearOf,
  pilotApplicantProblem,
  pilotReportDueDates,
  pilotReportRemindAt,
  pilotReportStatus,
  pilotTerm,
  preReviewPathOf,
  rankingProblems,
  rankingStatus,
} from './pilot.util';
import { UnitKind } from './unit-kind';

describe('the pilot term and its reports (seed 000 §四)', () => {
  it('runs three years from 1 July of the designation year', () => {
    expect(pilotTerm('2022-06-28')).toEqual({ startsOn: '2022-07-01', endsOn: '2025-06-30' });
    expect(pilotTerm('2027-08-15')).toEqual({ startsOn: '2027-07-01', endsOn: '2030-06-30' });
  });

  it('owes a report each 31 December and 30 June of the term: six for three years', () => {
    expect(pilotReportDueDates(pilotTerm('2022-06-28'))).toEqual([
      '2022-12-31',
      '2023-06-30',
      '2023-12-31',
      '2024-06-30',
      '2024-12-31',
      '2025-06-30',
    ]);
    expect(pilotReportDueDates(pilotTerm('2026-06-01', 1))).toEqual(['2026-12-31', '2027-06-30']);
  });

  it('names half-years by their due dates and back', () => {
    expect(halfYearOf('2027-06-30')).toBe('2027-H1');
    expect(halfYearOf('2026-12-31')).toBe('2026-H2');
    expect(dueOnOfHalfYear('2027-H1')).toBe('2027-06-30');
    expect(dueOnOfHalfYear('2026-H2')).toBe('2026-12-31');
    for (const bad of ['2027-H3', '2027H1', '27-H1', '', '2027-h1']) expect(dueOnOfHalfYear(bad)).toBeNull();
  });

  it('is due until the end of the due day, China time, and reminds five days before', () => {
    expect(endOfChinaDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(pilotReportRemindAt('2026-12-31').toISOString()).toBe('2026-12-26T16:00:00.000Z');
  });

  it('tells submitted, late, missing and pending apart at the China day boundary', () => {
    const dueOn = '2026-12-31';
    const before = new Date('2026-12-31T15:59:59.999Z');
    const after = new Date('2026-12-31T16:00:00.000Z');
    expect(pilotReportStatus({ dueOn, submittedAt: before }, after)).toBe('submitted');
    expect(pilotReportStatus({ dueOn, submittedAt: after }, after)).toBe('late');
    expect(pilotReportStatus({ dueOn, submittedAt: null }, before)).toBe('pending');
    expect(pilotReportStatus({ dueOn, submittedAt: null }, after)).toBe('missing');
  });
});

describe("the province's pre-review and ranking (初步审核, 择优上报)", () => {
  it('sends a national pilot application to the province of the applicant', () => {
    expect(preReviewPathOf(UnitKind.PilotRegion, JurisdictionLevel.National, '/CN/370000/370200/370211/')).toBe(
      '/CN/370000/',
    );
    expect(preReviewPathOf(UnitKind.PilotRegion, JurisdictionLevel.National, '/CN/430000/430100/')).toBe('/CN/430000/');
    expect(preReviewPathOf(UnitKind.Enterprise, JurisdictionLevel.National, '/CN/370000/370200/')).toBeNull();
    expect(preReviewPathOf(UnitKind.PilotRegion, JurisdictionLevel.Province, '/CN/370000/370200/')).toBeNull();
  });

  it('wants every forwarded application ranked once and nothing else', () => {
    expect(rankingProblems(['a', 'b'], ['b', 'a'])).toEqual([]);
    expect(rankingProblems([], [])).toEqual([]);
    expect(rankingProblems(['a', 'b'], ['a', 'a', 'b'])).toEqual(['applicationIds lists a more than once']);
    expect(rankingProblems(['a'], ['a', 'x'])).toEqual([
      'applicationIds: x not forwarded by this province (passed its re-check)',
    ]);
    expect(rankingProblems(['a', 'b'], ['a'])).toEqual([
      'applicationIds must rank every forwarded application; missing b',
    ]);
  });

  it('tells an on-time, late, missing and still open ranking apart', () => {
    const due = '2027-05-15';
    const inTime = new Date('2027-05-15T15:00:00Z');
    const past = new Date('2027-05-15T16:00:00Z');
    expect(rankingStatus(due, inTime, past)).toBe('on_time');
    expect(rankingStatus(due, past, past)).toBe('late');
    expect(rankingStatus(due, null, past)).toBe('missing');
    expect(rankingStatus(due, null, inTime)).toBe('open');
    expect(rankingStatus(null, null, past)).toBe('open');
  });
});

describe('who applies for a pilot region', () => {
  it('is a city or county government, and a government applies for nothing else', () => {
    expect(pilotApplicantProblem(UnitKind.PilotRegion, 'government', 'district')).toBeNull();
    expect(pilotApplicantProblem(UnitKind.PilotRegion, 'government', 'city')).toBeNull();
    expect(pilotApplicantProblem(UnitKind.PilotRegion, 'government', 'province')).toMatch(/city or county/);
    expect(pilotApplicantProblem(UnitKind.PilotRegion, 'enterprise', 'district')).toMatch(/government/);
    expect(pilotApplicantProblem(UnitKind.Enterprise, 'government', 'city')).toMatch(/only to a pilot region/);
    expect(pilotApplicantProblem(UnitKind.Enterprise, 'enterprise', 'city')).toBeNull();
  });
});

describe('the national review waits for the province’s ranked list', () => {
  const pilot = { preReviewPath: '/CN/370000/', state: 'acceptance' };
  it('refuses every national step before the list, all but REJECT once the list left it off, nothing once ranked', () => {
    const awaiting = { ...pilot, pilotRanking: 'awaiting' as const };
    expect(pilotRankingProblem('regulator', awaiting, 'ASSIGN_EVALUATOR', '山东省')).toMatch(/山东省 \(370000\)/);
    expect(pilotRankingProblem('regulator', awaiting, 'REJECT')).toMatch(/must wait/);
    const leftOff = { ...pilot, pilotRanking: 'left_off' as const };
    expect(pilotRankingProblem('regulator', leftOff, 'ASSIGN_EVALUATOR')).toMatch(/not ranked by the province/);
    expect(pilotRankingProblem('regulator', leftOff, 'REJECT')).toBeNull();
    expect(pilotRankingProblem('regulator', { ...pilot, pilotRanking: 'ranked' }, 'ASSIGN_EVALUATOR')).toBeNull();
    // the applicant may still withdraw; the province's own steps and other programmes are not concerned
    expect(pilotRankingProblem('applicant', awaiting, 'WITHDRAW')).toBeNull();
    expect(pilotRankingProblem('regulator', { ...awaiting, state: 'recheck' }, 'PASS_RECHECK')).toBeNull();
    expect(pilotRankingProblem('regulator', { state: 'acceptance' }, 'ASSIGN_EVALUATOR')).toBeNull();
  });
});

describe('the national list of pilot regions', () => {
  it('holds between minDesignations and the quota, counting the regions already announced', () => {
    expect(pilotListProblem(15, 15, 20)).toBeNull();
    expect(pilotListProblem(20, 15, 20)).toBeNull();
    expect(pilotListProblem(14, 15, 20)).toBe(
      'the list of pilot regions must hold between 15 and 20 regions (minDesignations 15, quota 20); it would hold 14',
    );
    expect(pilotListProblem(21, 15, 20)).toMatch(/between 15 and 20 .* it would hold 21/);
    expect(pilotListProblem(1, null, null)).toBeNull();
    expect(pilotListProblem(0, null, 5)).toMatch(/between 1 and 5/);
  });
});
