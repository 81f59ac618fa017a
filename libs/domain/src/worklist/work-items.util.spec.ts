import {
  applyAccreditationEvent,
  type AccreditationSnapshot,
  startAccreditation,
} from '../accreditation/accreditation.logic';
import { type AccreditationEvent, AccreditationEventType as E } from '../accreditation/accreditation.types';
import { Role } from '../roles';
import { DisbursementState } from '../subsidy/disbursement.machine';
import { WorkingCalendar } from '../working-calendar.util';
import {
  applicationWorkItems,
  audienceIncludes,
  commonPath,
  disbursementWorkItems,
  dueAt,
  timeLimitsOf,
  workingDaysLeft,
} from './work-items.util';

// National Day week as a schedule gives it: 1–7 October off, Saturday 10 October a make-up working day
const calendar = new WorkingCalendar({
  overrides: [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
    { date: '2026-10-10', kind: 'workday' },
  ],
  scheduledYears: [2026],
});

describe('due dates in working days', () => {
  it('skips the holidays and counts the make-up Saturday', () => {
    // entered on Wednesday 30 September (10:00 China time): 8, 9, 10 (Sat, make-up), 12–16, 19, 20 October
    const due = dueAt(calendar, new Date('2026-09-30T02:00:00Z'), 10);
    expect(due.toISOString()).toBe('2026-10-20T16:00:00.000Z'); // 24:00 China time of 20 October
  });

  it('counts weekends out without overrides', () => {
    // Friday 4 December 2026, 5 working days: 7–11 December
    expect(dueAt(calendar, new Date('2026-12-04T09:00:00Z'), 5).toISOString()).toBe('2026-12-11T16:00:00.000Z');
    // 23:30 China time on Friday is still Friday
    expect(dueAt(calendar, new Date('2026-12-04T15:30:00Z'), 1).toISOString()).toBe('2026-12-07T16:00:00.000Z');
  });

  it('tells the working days left, zero on the last day and negative once overdue', () => {
    const due = new Date('2026-10-20T16:00:00Z');
    expect(workingDaysLeft(calendar, new Date('2026-10-09T02:00:00Z'), due)).toBe(8); // 10 (make-up), 12–16, 19, 20 October
    expect(workingDaysLeft(calendar, new Date('2026-10-20T02:00:00Z'), due)).toBe(0);
    expect(workingDaysLeft(calendar, new Date('2026-10-21T02:00:00Z'), due)).toBe(-1);
    expect(workingDaysLeft(calendar, new Date('2026-10-26T02:00:00Z'), due)).toBe(-4);
  });
});

describe('work items', () => {
  it('fills in default limits', () => {
    expect(timeLimitsOf({ recheck: 3 })).toMatchObject({ recheck: 3, preliminaryReview: 10 });
    expect(timeLimitsOf({ recheck: undefined, acceptance: null })).toMatchObject({ recheck: 5, acceptance: null });
  });

  it('scopes to the deepest common jurisdiction', () => {
    expect(commonPath('/CN/370000/370200/370211/', '/CN/370000/')).toBe('/CN/370000/');
    expect(commonPath('/CN/370000/370200/', '/CN/370000/370200/')).toBe('/CN/370000/370200/');
  });

  it('keeps the verifier away from the approval (four eyes)', () => {
    const [item] = disbursementWorkItems({
      state: DisbursementState.Verified,
      context: { attempts: 0, autoRetry: false, createdBy: null, lastChangedBy: 'v', verifiedBy: 'v' },
      jurisdictionPath: '/CN/370000/370200/',
    });
    const officer = (id: string, path: string) => ({
      id,
      role: Role.Finance,
      username: id,
      jurisdictionCode: null,
      jurisdictionPath: path,
      organisationId: null,
    });
    expect(audienceIncludes(item.audience, officer('v', '/CN/370000/370200/'))).toBe(false);
    expect(audienceIncludes(item.audience, officer('w', '/CN/370000/370200/'))).toBe(true);
    expect(audienceIncludes(item.audience, officer('w', '/CN/370000/'))).toBe(false); // not the paying bureau
  });
});

describe('work items under review discipline', () => {
  const applicant = { id: 'applicant-1', role: Role.Applicant };
  const first = { id: 'regulator-1', role: Role.Regulator };
  const materials = ['application_form'];
  const run = (recheckBySecondRegulator: boolean | undefined, events: AccreditationEvent[]): AccreditationSnapshot =>
    events.reduce(
      (s, e) => applyAccreditationEvent(s, e),
      startAccreditation({
        rules: {
          panelSize: 1,
          requiredMaterials: materials,
          rubric: { passMark: 60, dimensions: [{ key: 'k', name: '制度', weight: 100, maxScore: 100 }] },
          recheckBySecondRegulator,
        },
      }),
    );
  const facts = (snapshot: AccreditationSnapshot) => ({
    snapshot,
    organisationId: 'org-1',
    jurisdictionPath: '/CN/370000/370200/370211/',
    programmeJurisdictionPath: '/CN/370000/370200/370211/',
  });
  const regulator = (id: string) => ({
    id,
    role: Role.Regulator,
    username: id,
    jurisdictionCode: '370211',
    jurisdictionPath: '/CN/370000/370200/370211/',
    organisationId: null,
  });
  const toRecheck: AccreditationEvent[] = [
    { type: E.Submit, actor: applicant, materials },
    { type: E.PassPreliminary, actor: first },
  ];

  it('does not wait on the preliminary reviewer for the re-check (复核 by a second regulator)', () => {
    const [item] = applicationWorkItems(facts(run(undefined, toRecheck)));
    expect(item.step).toBe('recheck');
    expect(audienceIncludes(item.audience, regulator('regulator-1'))).toBe(false);
    expect(audienceIncludes(item.audience, regulator('regulator-2'))).toBe(true);
  });

  it('waits on the preliminary reviewer too when the programme turns the rule off', () => {
    const [item] = applicationWorkItems(facts(run(false, toRecheck)));
    expect(audienceIncludes(item.audience, regulator('regulator-1'))).toBe(true);
  });

  it("makes a returned application's lapse deadline its due date", () => {
    const due = '2026-04-01T16:00:00.000Z';
    const returned = run(undefined, [
      { type: E.Submit, actor: applicant, materials },
      { type: E.RequestRevision, actor: first, reason: '缺少签字', revisionDueAt: due },
    ]);
    const [item] = applicationWorkItems(facts(returned));
    expect(item).toMatchObject({ step: 'revision_requested', limit: null, dueAt: due });
    const noDeadline = run(undefined, [
      { type: E.Submit, actor: applicant, materials },
      { type: E.RequestRevision, actor: first, reason: '缺少签字', revisionDueAt: null },
    ]);
    expect(applicationWorkItems(facts(noDeadline))[0]).toMatchObject({ limit: 'revisionRequested' });
  });
});

describe('work items of a national pilot programme', () => {
  const applicant = { id: 'gov-1', role: Role.Applicant };
  const province = { id: 'sd-1', role: Role.Regulator };
  const materials = ['work_plan'];
  const acceptance = [
    { type: E.Submit, actor: applicant, materials },
    { type: E.PassPreliminary, actor: province },
    { type: E.PassRecheck, actor: { id: 'sd-2', role: Role.Regulator } },
  ].reduce(
    (s, e) => applyAccreditationEvent(s, e as AccreditationEvent),
    startAccreditation({
      rules: {
        panelSize: 1,
        requiredMaterials: materials,
        rubric: { passMark: 60, dimensions: [{ key: 'k', name: '制度', weight: 100, maxScore: 100 }] },
      },
    }),
  );
  const items = (pilotRanking: 'ranked' | 'awaiting' | 'left_off') =>
    applicationWorkItems({
      snapshot: acceptance,
      organisationId: 'gov-1',
      jurisdictionPath: '/CN/370000/370200/370211/',
      programmeJurisdictionPath: '/CN/',
      preReviewPath: '/CN/370000/',
      pilotRanking,
    });

  it('waits on the national office only once the province ranked it; one left off its list waits for its rejection', () => {
    expect(items('awaiting')).toEqual([]);
    const [ranked] = items('ranked');
    expect(ranked).toMatchObject({ step: 'acceptance', audience: { path: '/CN/', exact: false } });
    expect(ranked.nextSteps).toEqual(expect.arrayContaining([E.AssignEvaluator, E.Reject]));
    expect(ranked.nextSteps).not.toContain(E.OpenPublicNotice); // the notice opens with the national list
    const [leftOff] = items('left_off');
    expect(leftOff.nextSteps).toEqual([E.Reject]);
  });
});
