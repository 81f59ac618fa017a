import {
  ApplicationEntity,
  applicationVisibility,
  EvaluatorAssignmentEntity,
  WorkflowEngine,
} from '@app/accreditation';
import { AccreditationState, canSeeApplication, type Principal, Role } from '@app/domain';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { canSeeDisbursement, DisbursementEntity, disbursementVisibility, SubsidyPolicyEntity } from '@app/subsidy';
import { resetDatabase, startContexts } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Access rules exist twice: as TypeScript predicates (canSeeApplication, canSeeDisbursement) for single reads and
 * transitions, and as SQL conditions (applicationVisibility, disbursementVisibility) for lists and counts. Here
 * both run on the same rows for every role and relation (own or foreign organisation, own, parent or foreign
 * jurisdiction, assigned, excused or absent evaluator, each state) and must pick exactly the same rows.
 */
describe('access rules: the SQL form agrees with the TypeScript predicate row for row', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let principals: Record<string, Principal>;
  let programme: ProgrammeEntity;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
    await resetDatabase(app);
    ({ principals, programme } = await fixture());
  });
  afterAll(() => app.close());

  const STATES = [
    AccreditationState.Draft,
    AccreditationState.Acceptance,
    AccreditationState.PublicNotice,
    AccreditationState.Designated,
    AccreditationState.Revoked,
  ];
  const PANELS = ['assigned', 'excused', 'none'] as const;

  async function fixture() {
    const user = async (username: string) => db.getRepository(UserEntity).findOneByOrFail({ username });
    const path = async (code: string) => (await db.getRepository(JurisdictionEntity).findOneByOrFail({ code })).path;
    const org = async (applicant: string) =>
      (await db.getRepository(OrganisationEntity).findOneByOrFail({ id: (await user(applicant)).organisationId! })).id;
    const programme = await db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    const regulator = await user('qd-regulator');
    const assigned = await user('qd-evaluator-1');
    const other = await user('qd-evaluator-2');
    const ownOrg = await org('qd-applicant');
    const foreignOrg = await org('cs-applicant');
    const jurisdictions = {
      own: { code: '370211-FTZ', path: await path('370211-FTZ') },
      foreign: { code: '430100-FTZ', path: await path('430100-FTZ') },
    };

    let n = 0;
    for (const organisationId of [ownOrg, foreignOrg]) {
      for (const j of Object.values(jurisdictions)) {
        for (const panel of PANELS) {
          for (const state of STATES) {
            n += 1;
            const members =
              panel === 'none'
                ? []
                : [{ evaluatorId: assigned.id, status: panel === 'assigned' ? 'active' : 'excused' }];
            const a = await db.getRepository(ApplicationEntity).save({
              reference: `VIS-${String(n).padStart(4, '0')}`,
              programmeId: programme.id,
              organisationId,
              jurisdictionCode: j.code,
              jurisdictionPath: j.path,
              unitKind: programme.unitKind,
              level: programme.level,
              title: `visibility case ${n}`,
              state,
              snapshot: {
                value: state,
                status: 'active',
                context: { panel: members },
              } as unknown as ApplicationEntity['snapshot'],
              createdBy: regulator.id,
            });
            for (const m of members) {
              await db.getRepository(EvaluatorAssignmentEntity).save({
                applicationId: a.id,
                evaluatorId: m.evaluatorId,
                status: m.status as 'active' | 'excused',
                assignedBy: regulator.id,
              });
            }
          }
        }
      }
    }

    const principal = (role: Role, fields: Partial<Principal> = {}): Principal => ({
      id: null,
      role,
      username: null,
      jurisdictionCode: null,
      jurisdictionPath: null,
      organisationId: null,
      ...fields,
    });
    const within = async (role: Role, code: string, id: string | null = null) =>
      principal(role, { id, jurisdictionCode: code, jurisdictionPath: await path(code) });
    const principals: Record<string, Principal> = {
      'applicant of the own organisation': principal(Role.Applicant, {
        id: (await user('qd-applicant')).id,
        organisationId: ownOrg,
      }),
      'applicant of a foreign organisation': principal(Role.Applicant, {
        id: (await user('cs-applicant')).id,
        organisationId: foreignOrg,
      }),
      'applicant bound to no organisation': principal(Role.Applicant, { id: regulator.id }),
      'regulator of the own jurisdiction': await within(Role.Regulator, '370211-FTZ', regulator.id),
      'regulator of a parent jurisdiction': await within(Role.Regulator, '370000'),
      'regulator of a foreign jurisdiction': await within(Role.Regulator, '430100-FTZ'),
      'regulator bound to no jurisdiction': principal(Role.Regulator, { id: regulator.id }),
      'admin of the nation': await within(Role.Admin, 'CN'),
      'admin of a foreign province': await within(Role.Admin, '430000'),
      'evaluator on the panel': principal(Role.Evaluator, {
        id: assigned.id,
        jurisdictionCode: '370200',
        jurisdictionPath: await path('370200'),
      }),
      'evaluator not on any panel': principal(Role.Evaluator, {
        id: other.id,
        jurisdictionCode: '370200',
        jurisdictionPath: await path('370200'),
      }),
      'finance of the own jurisdiction': await within(Role.Finance, '370211-FTZ'),
      'finance of a foreign jurisdiction': await within(Role.Finance, '430100-FTZ'),
      'finance bound to no jurisdiction': principal(Role.Finance),
      public: principal(Role.Public),
      system: principal(Role.System),
    };
    return { principals, programme };
  }

  it('applications: every principal sees in SQL exactly the rows canSeeApplication lets them see', async () => {
    const engine = app.get(WorkflowEngine);
    const rows = await db.getRepository(ApplicationEntity).find();
    expect(rows).toHaveLength(2 * 2 * PANELS.length * STATES.length);
    const scopes = await Promise.all(
      rows.map(async (a) => ({ id: a.id, scope: await engine.scopeOf(db.manager, a, programme) })),
    );

    let cases = 0;
    let visible = 0;
    for (const [who, p] of Object.entries(principals)) {
      const expected = scopes
        .filter((r) => canSeeApplication(p, r.scope))
        .map((r) => r.id)
        .sort();
      const condition = applicationVisibility(p, 'a');
      const actual = (
        await db
          .createQueryBuilder()
          .select('a.id', 'id')
          .from('applications', 'a')
          .where(condition.sql, condition.params)
          .getRawMany<{ id: string }>()
      )
        .map((r) => r.id)
        .sort();
      expect({ who, ids: actual }).toEqual({ who, ids: expected });
      cases += rows.length;
      visible += expected.length;
    }
    expect(cases).toBe(16 * 60);
    // both answers occur, so agreement is not agreement on "nothing" or "everything"
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(cases);
    for (const who of [
      'applicant of the own organisation',
      'regulator of the own jurisdiction',
      'evaluator on the panel',
      'finance of the own jurisdiction',
      'public',
    ]) {
      expect(scopes.filter((r) => canSeeApplication(principals[who], r.scope)).length).toBeGreaterThan(0);
    }
    // the evaluator sees exactly the rows where they are an active panel member: 2 organisations x 2 jurisdictions x 5 states
    expect(scopes.filter((r) => canSeeApplication(principals['evaluator on the panel'], r.scope))).toHaveLength(20);
  });

  it('disbursements: every principal sees in SQL exactly the rows canSeeDisbursement lets them see', async () => {
    const policy = await db.getRepository(SubsidyPolicyEntity).findOneByOrFail({});
    const designated = await db
      .getRepository(ApplicationEntity)
      .find({ where: { state: AccreditationState.Designated }, order: { reference: 'ASC' } });
    const paths = ['/CN/370000/370200/370211/370211-FTZ/', '/CN/370000/', '/CN/430000/430100/430100-FTZ/', '/CN/'];
    for (const [i, jurisdictionPath] of paths.entries()) {
      const a = designated[i];
      await db.getRepository(DisbursementEntity).save({
        reference: `VIS-D-${i}`,
        applicationId: a.id,
        policyId: policy.id,
        programmeId: a.programmeId,
        organisationId: a.organisationId,
        jurisdictionPath,
        amountFen: 100,
        state: 'pending_approval' as DisbursementEntity['state'],
        context: { attempts: 0, autoRetry: true, createdBy: null, lastChangedBy: null },
      });
    }
    const rows = await db.getRepository(DisbursementEntity).find();
    expect(rows).toHaveLength(paths.length);

    let cases = 0;
    let visible = 0;
    for (const [who, p] of Object.entries(principals)) {
      const expected = rows
        .filter((d) => canSeeDisbursement(p, d))
        .map((d) => d.id)
        .sort();
      const condition = disbursementVisibility(p, 'd');
      const actual = (
        await db
          .createQueryBuilder()
          .select('d.id', 'id')
          .from('disbursements', 'd')
          .where(condition.sql, condition.params)
          .getRawMany<{ id: string }>()
      )
        .map((r) => r.id)
        .sort();
      expect({ who, ids: actual }).toEqual({ who, ids: expected });
      cases += rows.length;
      visible += expected.length;
    }
    expect(cases).toBe(16 * 4);
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(cases);
  });
});
