import { ApplicationEntity, ApplicationWorkItems } from '@app/accreditation';
import {
  type AccreditationEvent,
  AccreditationEventType as E,
  type AccreditationSnapshot,
  AccreditationState as S,
  actingProblem,
  applyAccreditationEvent,
  applyDisbursementEvent,
  audienceIncludes,
  canSeeApplication,
  countsAsWaiting,
  type DisbursementContext,
  type DisbursementEvent,
  DisbursementState as DS,
  disbursementWaitingEvents,
  disbursementWorkItems,
  eventsAcceptedIn,
  JurisdictionLevel,
  pilotRankingProblem,
  type PilotRankingStanding,
  preReviewPathOf,
  type Principal,
  Role,
  UnitKind,
} from '@app/domain';
import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { canSeeDisbursement } from '@app/subsidy';
import { Factories, resetDatabase, startContexts } from '@app/testing';
import { backfillWorkItems } from '@app/persistence';
import { insertWorkItems, TodoQueries } from '@app/worklist';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';

/**
 * Who waits on an item is written twice: as the work items the engines keep (libs/domain applicationWorkItems and
 * disbursementWorkItems, read through the to-do list's SQL), and as the engine's own guards. Here, over principals
 * of every role and place × applications in every state (panels assigned, scored and excused; objections open or
 * not; programmes of the own bureau and of the province above), a principal has the application in their to-do list
 * exactly when the engine would accept at least one event that counts as waiting (WAITING_EVENTS, countsAsWaiting)
 * from them; the same for disbursements over states, four-eyes contexts and bureaus.
 */
describe('work items agree with the engine: the to-do list holds exactly what the guards let you do', () => {
  let app: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
    await resetDatabase(app);
  });
  afterAll(() => app.close());

  const path = async (code: string) => (await db.getRepository(JurisdictionEntity).findOneByOrFail({ code })).path;
  const user = (username: string) => db.getRepository(UserEntity).findOneByOrFail({ username });
  const principal = async (role: Role, code: string | null, fields: Partial<Principal> = {}): Promise<Principal> => ({
    id: randomUUID(),
    role,
    username: null,
    jurisdictionCode: code,
    jurisdictionPath: code === null ? null : await path(code),
    organisationId: null,
    ...fields,
  });

  /** An event of `type` from `p`, with fields that pass the checks when anything can. */
  function sample(type: E, p: Principal, s: AccreditationSnapshot): AccreditationEvent {
    const actor = { id: p.id, role: p.role };
    const open = s.context.objections.find((o) => o.status === 'open');
    const scores = Object.fromEntries(s.context.rules.rubric.dimensions.map((d) => [d.key, d.maxScore]));
    const fields: Record<string, unknown> = {
      materials: s.context.rules.requiredMaterials,
      reason: '理由',
      evaluatorId: randomUUID(),
      scores,
      noticeEndsAt: new Date().toISOString(),
      objectionId: open?.id ?? 'none',
      decision: 'dismissed',
      quotaRemaining: null,
      now: new Date().toISOString(),
    };
    return { type, actor, ...fields } as unknown as AccreditationEvent;
  }

  function engineWaitsFor(p: Principal, s: AccreditationSnapshot, scope: Parameters<typeof canSeeApplication>[1]) {
    if (!canSeeApplication(p, scope) || actingProblem(p, scope) !== null) return false;
    return eventsAcceptedIn(s).some((type) => {
      if (!countsAsWaiting(s, type, p.id)) return false;
      // the engine's pilot refusals (assertPilotStep): not ranked by the province; the notice only with the list
      if (pilotRankingProblem(p.role, scope, type) !== null) return false;
      if (scope.preReviewPath && type === E.OpenPublicNotice) return false;
      try {
        applyAccreditationEvent(s, sample(type, p, s));
        return true;
      } catch {
        return false;
      }
    });
  }

  it('follow the transitions: opened with the due date, kept while the step stays, closed by who acted', async () => {
    const factories = new Factories(app);
    const a = await factories.application(S.Recheck, { applicant: (await factories.applicant('qd', 90)).username });
    const rows = () =>
      db.query(
        `SELECT step, audience_role, audience_path, entered_at, due_at, limit_working_days, done_at, done_by, done_event
           FROM work_items WHERE subject_id = $1 ORDER BY entered_at, step`,
        [a.id],
      );
    const [draft, review, recheck] = await rows();
    expect(draft).toMatchObject({ step: 'draft', done_event: 'SUBMIT', limit_working_days: null, due_at: null });
    expect(review).toMatchObject({
      step: 'preliminary_review',
      done_event: 'PASS_PRELIMINARY',
      limit_working_days: 10,
    });
    expect(review.done_by).toBe((await user('qd-regulator')).id);
    expect(recheck).toMatchObject({
      step: 'recheck',
      done_at: null,
      audience_role: 'regulator',
      limit_working_days: 5,
    });
    expect(recheck.due_at.getTime()).toBeGreaterThan(recheck.entered_at.getTime() + 5 * 86_400_000);

    await factories.send(a.id, 'qd-regulator-2', { type: E.PassRecheck });
    const evaluator = await user('qd-evaluator-1');
    await factories.send(a.id, 'qd-regulator', { type: E.AssignEvaluator, evaluatorId: evaluator.id });
    const open = (await rows()).filter((r: { done_at: Date | null }) => r.done_at === null);
    expect(open.map((r: { step: string }) => r.step).sort()).toEqual(['acceptance', 'acceptance.score']);
    const acceptance = open.find((r: { step: string }) => r.step === 'acceptance');
    // ASSIGN_EVALUATOR kept the regulator's acceptance item: entered with PASS_RECHECK, due date unchanged
    const [pass] = await db.query(
      `SELECT at FROM application_history WHERE application_id = $1 AND event = 'PASS_RECHECK'`,
      [a.id],
    );
    expect(acceptance.entered_at.getTime()).toBe(pass.at.getTime());

    await factories.send(a.id, 'qd-applicant-t90', { type: E.Withdraw });
    expect((await rows()).filter((r: { done_at: Date | null }) => r.done_at === null)).toEqual([]);
  });

  it('applications: principals × states', async () => {
    const factories = new Factories(app);
    const template = await factories.draft();
    const rules = template.snapshot.context.rules;
    const qd = await db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    const { id: _id, createdAt: _c, ...fields } = qd;
    const province = await db
      .getRepository(ProgrammeEntity)
      .save({ ...fields, code: 'SD-2026', name: '山东省示范企业', jurisdictionCode: '370000', applicationSeq: 0 });
    const scored = await user('qd-evaluator-2');
    const unscored = await user('qd-evaluator-1');
    const excused = await user('qd-evaluator-3');
    const outsider = await user('qd-evaluator-4');
    const ownOrg = template.organisationId;
    const csOrg = (await user('cs-applicant')).organisationId!;

    const panels = {
      none: [],
      mixed: [
        { evaluatorId: unscored.id, status: 'active' as const, scores: null },
        { evaluatorId: scored.id, status: 'active' as const, scores: { system_completeness: 90 } },
        { evaluatorId: excused.id, status: 'excused' as const, scores: null },
      ],
    };
    const objections = {
      none: [],
      open: [{ id: randomUUID(), round: 1, status: 'open' as const }],
      ruled: [{ id: randomUUID(), round: 1, status: 'dismissed' as const }],
    };
    // a national pilot programme: pre-reviewed by the applicant's province, its national steps gated by the ranking
    const pilot = await db.getRepository(ProgrammeEntity).save({
      ...fields,
      code: 'CN-PILOT-AGREE',
      name: '全国创新试点',
      jurisdictionCode: 'CN',
      unitKind: UnitKind.PilotRegion,
      level: JurisdictionLevel.National,
      applicationSeq: 0,
    });
    const cases: {
      app: ApplicationEntity;
      snapshot: AccreditationSnapshot;
      programmePath: string;
      pilotRanking: PilotRankingStanding | null;
    }[] = [];
    let n = 0;
    // Shandong's applications: ranked, or left off the list Shandong submitted; Hunan's: Hunan has no list yet
    const standings: { code: string; standing: PilotRankingStanding | null }[] = [
      { code: '370211-FTZ', standing: 'ranked' },
      { code: '370211-FTZ', standing: 'left_off' },
      { code: '430100-FTZ', standing: 'awaiting' },
    ];
    for (const [programme, where] of [
      [qd, [{ code: '370211-FTZ', standing: null }]],
      [province, [{ code: '370211-FTZ', standing: null }]],
      [pilot, standings],
    ] as const) {
      for (const { code, standing } of where)
        for (const state of Object.values(S)) {
          for (const panel of Object.values(panels)) {
            for (const objs of state === S.PublicNotice ? Object.values(objections) : [[]]) {
              n += 1;
              const snapshot: AccreditationSnapshot = {
                machineVersion: template.snapshot.machineVersion,
                state,
                context: { ...template.snapshot.context, rules, panel, objections: objs, noticeRound: 1 },
              };
              const row = await db.getRepository(ApplicationEntity).save({
                reference: `AGREE-${String(n).padStart(4, '0')}`,
                programmeId: programme.id,
                organisationId: ownOrg,
                jurisdictionCode: code,
                jurisdictionPath: await path(code),
                unitKind: programme.unitKind,
                level: programme.level,
                title: `agreement ${n}`,
                state,
                snapshot,
                createdBy: template.createdBy,
              });
              cases.push({
                app: row,
                snapshot,
                programmePath: await path(programme.jurisdictionCode),
                pilotRanking: standing,
              });
            }
          }
        }
    }
    await db.query(
      `INSERT INTO pilot_rankings (programme_id, province_code, application_ids, submitted_by, submitted_at)
       VALUES ($1, '370000', $2::uuid[], $3, now())`,
      [pilot.id, cases.filter((c) => c.pilotRanking === 'ranked').map((c) => c.app.id), template.createdBy],
    );
    // the items as every change of the engine writes them (its TransitionWriter's follower)
    await db.transaction((tx) =>
      app.get(ApplicationWorkItems).follow(
        tx,
        cases.map((c) => ({
          id: c.app.id,
          history: {
            event: 'TEST',
            fromState: null,
            toState: c.app.state,
            actorId: null,
            actorRole: Role.System,
            reason: null,
            payload: {},
            at: new Date(),
          },
        })),
      ),
    );

    const principals: Record<string, Principal> = {
      'applicant of the organisation': await principal(Role.Applicant, null, { organisationId: ownOrg }),
      'applicant of another organisation': await principal(Role.Applicant, null, { organisationId: csOrg }),
      'regulator of the zone': await principal(Role.Regulator, '370211-FTZ'),
      'regulator of the city': await principal(Role.Regulator, '370200'),
      'regulator of the province': await principal(Role.Regulator, '370000'),
      'regulator of the nation': await principal(Role.Regulator, 'CN'),
      'regulator of another province': await principal(Role.Regulator, '430000'),
      'evaluator on the panel, not scored': await principal(Role.Evaluator, '370200', { id: unscored.id }),
      'evaluator on the panel, scored': await principal(Role.Evaluator, '370200', { id: scored.id }),
      'evaluator excused': await principal(Role.Evaluator, '370200', { id: excused.id }),
      'evaluator on no panel': await principal(Role.Evaluator, '370200', { id: outsider.id }),
      'finance of the zone': await principal(Role.Finance, '370211-FTZ'),
      'admin of the nation': await principal(Role.Admin, 'CN'),
    };

    const todo = app.get(TodoQueries);
    const disagreements: string[] = [];
    let waiting = 0;
    for (const [name, p] of Object.entries(principals)) {
      const listed = new Set((await todo.todo(p, 1, 10_000)).items.map((i) => i.subjectId));
      for (const c of cases) {
        const scope = {
          organisationId: c.app.organisationId,
          jurisdictionPath: c.app.jurisdictionPath,
          programmeJurisdictionPath: c.programmePath,
          state: c.app.state,
          activeEvaluatorIds: c.snapshot.context.panel.filter((m) => m.status === 'active').map((m) => m.evaluatorId),
          preReviewPath: c.pilotRanking
            ? preReviewPathOf(UnitKind.PilotRegion, 'national', c.app.jurisdictionPath)
            : null,
          pilotRanking: c.pilotRanking,
        };
        const expected = engineWaitsFor(p, c.snapshot, scope);
        if (expected) waiting += 1;
        if (listed.has(c.app.id) !== expected)
          disagreements.push(`${name} / ${c.app.reference} ${c.app.state}: engine ${expected}, to-do ${!expected}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(waiting).toBeGreaterThan(60); // the cases do exercise the rules
  }, 120_000);

  it('the migration backfills the same open items as the engines keep', async () => {
    const key = `subject_kind, subject_id, step, audience_role, audience_path, audience_exact, excluded_user_ids,
      audience_organisation_id, audience_user_id, limit_working_days`;
    const open = (q: { query(sql: string): Promise<unknown[]> }) =>
      q.query(`SELECT ${key} FROM work_items WHERE done_at IS NULL ORDER BY subject_id, step, audience_user_id`);
    const kept = await open(db);
    expect(kept.length).toBeGreaterThan(20);
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`DELETE FROM work_items`);
      await backfillWorkItems(runner);
      expect(await open(runner)).toEqual(kept);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('disbursements: principals × states, four eyes and bureaus', async () => {
    const bureau = await path('370211-FTZ');
    const verifier = randomUUID();
    const creator = randomUUID();
    const contexts: DisbursementContext[] = [
      { attempts: 0, autoRetry: false, createdBy: null, lastChangedBy: null, verifiedBy: null },
      { attempts: 0, autoRetry: false, createdBy: creator, lastChangedBy: verifier, verifiedBy: verifier },
      { attempts: 1, autoRetry: true, createdBy: null, lastChangedBy: null, verifiedBy: null },
    ];
    const cases: { id: string; state: DS; context: DisbursementContext }[] = [];
    for (const state of Object.values(DS))
      for (const context of contexts) cases.push({ id: randomUUID(), state, context });
    await insertWorkItems(
      db,
      'agreement-disbursement',
      cases.flatMap((c) =>
        disbursementWorkItems({ state: c.state, context: c.context, jurisdictionPath: bureau }).map((spec) => ({
          subject: { id: c.id, reference: c.id.slice(0, 8), title: 'agreement', state: c.state },
          spec,
          enteredAt: new Date(),
          days: null,
          due: null,
        })),
      ),
    );
    const principals = [
      await principal(Role.Finance, '370211-FTZ'),
      await principal(Role.Finance, '370211-FTZ', { id: verifier }),
      await principal(Role.Finance, '370211-FTZ', { id: creator }),
      await principal(Role.Finance, '370200'),
      await principal(Role.Finance, '430100-FTZ'),
      await principal(Role.Regulator, '370211-FTZ'),
      await principal(Role.Admin, 'CN'),
    ];
    const todo = app.get(TodoQueries);
    const disagreements: string[] = [];
    for (const p of principals) {
      const listed = new Set((await todo.todo(p, 1, 10_000)).items.map((i) => i.subjectId));
      for (const c of cases) {
        const engine =
          canSeeDisbursement(p, { jurisdictionPath: bureau }) &&
          disbursementWaitingEvents(c.state, c.context).some((type) => {
            try {
              applyDisbursementEvent({ state: c.state, context: c.context }, {
                type,
                actor: { id: p.id, role: p.role },
                payingBureau: bureau,
                actorBureau: p.jurisdictionPath,
                reason: '理由',
              } as DisbursementEvent);
              return true;
            } catch {
              return false;
            }
          });
        const items = disbursementWorkItems({ state: c.state, context: c.context, jurisdictionPath: bureau });
        const domain = items.some((i) => audienceIncludes(i.audience, p));
        if (listed.has(c.id) !== engine || domain !== engine)
          disagreements.push(
            `${p.role} ${p.jurisdictionCode} ${p.id} / ${c.state}: engine ${engine}, sql ${listed.has(c.id)}, ts ${domain}`,
          );
      }
    }
    expect(disagreements).toEqual([]);
  });
});
