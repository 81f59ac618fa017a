import {
  ApplicationEntity,
  CreateApplicationUseCase,
  FireResult,
  MaterialRecord,
  SYSTEM_PRINCIPAL,
  WorkflowEngine,
} from '@app/accreditation';
import {
  AccreditationEventType as E,
  AccreditationState as S,
  EventCommand,
  isWithin,
  Principal,
  Role,
  usccCheckCharacter,
  chinaYearStart,
} from '@app/domain';
import { OrganisationEntity, OrganisationKind, principalOf, UserEntity, VerificationStatus } from '@app/identity';
import { BlobStorage, Clock } from '@app/platform';
import { CreateProgrammeInput, CreateProgrammeUseCase, JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import {
  ApproveDisbursementUseCase,
  type CreateSubsidyPolicyInput,
  type DisbursementChange,
  DisbursementEntity,
  type SubsidyPolicy,
  SubsidyPolicyUseCase,
} from '@app/subsidy';
import { INestApplicationContext } from '@nestjs/common';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { demoPasswordHash } from './database';
import { TestClock } from './test-clock';

/** An applicant organisation made by the factory, with its one user (password: the demo password). */
export interface TestApplicant {
  organisation: OrganisationEntity;
  user: UserEntity;
  principal: Principal;
  username: string;
}

const ZONES = {
  qd: {
    jurisdictionCode: '370211-FTZ',
    creditCodePrefix: '91370211MA3T',
    name: (n: number) => `青岛测试企业${n}有限公司`,
  },
  cs: {
    jurisdictionCode: '430100-FTZ',
    creditCodePrefix: '91430100MA4L',
    name: (n: number) => `长沙测试企业${n}有限公司`,
  },
} as const;

export type TestZone = keyof typeof ZONES;

/**
 * The steps from a draft to each state, as the right users would take them (an application goes one way only).
 * The states the system's clock reaches (lapsed, expired) are not here: their specs move the clock.
 */
const ROUTE: Partial<Record<S, readonly Step[]>> = {
  [S.Draft]: [],
  [S.PreliminaryReview]: ['submit'],
  [S.RevisionRequested]: ['submit', 'requestRevision'],
  [S.Recheck]: ['submit', 'passPreliminary'],
  [S.Acceptance]: ['submit', 'passPreliminary', 'passRecheck'],
  [S.PublicNotice]: ['submit', 'passPreliminary', 'passRecheck', 'scoredPanel', 'openNotice'],
  [S.NoticeClosed]: ['submit', 'passPreliminary', 'passRecheck', 'scoredPanel', 'openEndedNotice', 'closeNotice'],
  [S.Designated]: [
    'submit',
    'passPreliminary',
    'passRecheck',
    'scoredPanel',
    'openEndedNotice',
    'closeNotice',
    'designate',
  ],
  [S.Revoked]: [
    'submit',
    'passPreliminary',
    'passRecheck',
    'scoredPanel',
    'openEndedNotice',
    'closeNotice',
    'designate',
    'revoke',
  ],
  [S.Rejected]: ['submit', 'reject'],
  [S.Withdrawn]: ['withdraw'],
};
type Step =
  | 'submit'
  | 'requestRevision'
  | 'passPreliminary'
  | 'passRecheck'
  | 'scoredPanel'
  | 'openNotice'
  | 'openEndedNotice'
  | 'closeNotice'
  | 'designate'
  | 'revoke'
  | 'reject'
  | 'withdraw';

/** The steps that are one event, by whom: who sends it and what. */
const SIMPLE_STEPS: Record<
  Exclude<Step, 'scoredPanel' | 'openEndedNotice'>,
  { by: 'applicant' | 'regulator' | 'rechecker' | 'system'; command: EventCommand }
> = {
  submit: { by: 'applicant', command: { type: E.Submit } },
  requestRevision: {
    by: 'regulator',
    command: { type: E.RequestRevision, reason: 'factory: please complete the materials' },
  },
  passPreliminary: { by: 'regulator', command: { type: E.PassPreliminary } },
  // 复核 by a second regulator (the programme's rule, on by default)
  passRecheck: { by: 'rechecker', command: { type: E.PassRecheck } },
  openNotice: { by: 'regulator', command: { type: E.OpenPublicNotice } },
  closeNotice: { by: 'system', command: { type: E.CloseNotice } },
  designate: { by: 'regulator', command: { type: E.Designate } },
  revoke: { by: 'regulator', command: { type: E.Revoke, reason: 'factory: revoked' } },
  reject: { by: 'regulator', command: { type: E.Reject, reason: 'factory: not eligible' } },
  withdraw: { by: 'applicant', command: { type: E.Withdraw } },
};

export interface DraftOptions {
  /** programme code; the Qingdao FTZ programme unless told */
  programme?: string;
  title?: string;
  /** the programme's required materials unless told */
  materials?: MaterialRecord[];
}

export interface DriveOptions extends DraftOptions {
  /** the applicant's username; qd-applicant unless told */
  applicant?: string;
  /** the regulator who decides; the most local regulator who may act on the application unless told */
  regulator?: string;
  /** the regulator of the re-check (复核); the most local one besides `regulator` unless told */
  rechecker?: string;
  /** the panel; the evaluators nearest to the applicant unless told */
  evaluators?: string[];
}

/**
 * Test data through the application's own use cases and engine, so every row is one the product could have
 * written: an applicant organisation with its user, a draft, an application driven to a given state. Needs a Nest
 * application context with the composed contexts and `Clock` overridden by `TestClock` (for a notice window that
 * has already ended). Verified organisations and their users are saved with their repositories (a registration
 * through the API, pending until a regulator verifies it, is what test/organisations.e2e-spec.ts exercises).
 */
export class Factories {
  private readonly db: DataSource;

  constructor(private readonly app: INestApplicationContext) {
    this.db = app.get(DataSource);
  }

  /** A further enterprise in the zone, with a payee account and its own applicant login `<zone>-applicant-t<n>`. */
  async applicant(zone: TestZone, n: number): Promise<TestApplicant> {
    const z = ZONES[zone];
    if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`applicant number ${n}: 0 to 9999`);
    const code17 = `${z.creditCodePrefix}${String(n).padStart(4, '0')}X`;
    const name = z.name(n);
    const organisation = await this.db.getRepository(OrganisationEntity).save({
      creditCode: code17 + usccCheckCharacter(code17),
      name,
      kind: OrganisationKind.Enterprise,
      jurisdictionCode: z.jurisdictionCode,
      bankAccount: {
        bankName: '中国银行',
        accountName: name,
        accountNumber: `22700000${String(n).padStart(8, '0')}`,
        branchCode: null,
      },
      verificationStatus: VerificationStatus.Verified,
    });
    const username = `${zone}-applicant-t${n}`;
    const user = await this.db.getRepository(UserEntity).save({
      username,
      passwordHash: await demoPasswordHash(),
      displayName: username,
      role: Role.Applicant,
      jurisdictionCode: null,
      organisationId: organisation.id,
    });
    return { organisation, user, principal: await principalOf(this.db, user), username };
  }

  /**
   * A programme of the regulator `regulator`'s bureau, through CreateProgrammeUseCase: the Qingdao FTZ programme's
   * rubric and materials unless told, one evaluator on the panel, a five-working-day notice, and a call that is open
   * now and stays open for years (openCall) unless told.
   */
  async programme(
    code: string,
    regulator = 'qd-regulator',
    overrides: Partial<CreateProgrammeInput> = {},
  ): Promise<ProgrammeEntity> {
    const principal = await this.principal(regulator);
    const template = await this.findProgramme();
    await this.app.get(CreateProgrammeUseCase).execute(principal, {
      code,
      name: code,
      jurisdictionCode: principal.jurisdictionCode!,
      unitKind: template.unitKind,
      level: template.level,
      year: template.year,
      rubric: template.rubric,
      panelSize: 1,
      requiredMaterials: template.requiredMaterials,
      noticeWorkingDays: 5,
      validityYears: 3,
      ...openCall(template.year, this.app.get(Clock).now()),
      ...overrides,
    });
    return this.findProgramme(code);
  }

  /**
   * A bureau administrator bound to `jurisdictionCode` (password: the demo password). Administrators are made by an
   * operator, not through the API (staff administration manages regulators, finance officers and evaluators).
   */
  async bureauAdmin(username: string, jurisdictionCode: string): Promise<UserEntity> {
    return this.db.getRepository(UserEntity).save({
      username,
      passwordHash: await demoPasswordHash(),
      displayName: username,
      role: Role.Admin,
      jurisdictionCode,
      organisationId: null,
    });
  }

  /** The principal of a user, as a signed-in request would carry it. */
  async principal(username: string): Promise<Principal> {
    return principalOf(this.db, await this.db.getRepository(UserEntity).findOneByOrFail({ username }));
  }

  /** A draft by `applicant` (username), through CreateApplicationUseCase. */
  async draft(applicant = 'qd-applicant', options: DraftOptions = {}): Promise<ApplicationEntity> {
    const programme = await this.findProgramme(options.programme);
    const draft = await this.app.get(CreateApplicationUseCase).execute(await this.principal(applicant), {
      programmeId: programme.id,
      title: options.title ?? 'factory application',
      materials:
        options.materials ??
        programme.requiredMaterials.map((key) => ({ key, title: key, reference: `test://${key}.pdf` })),
    });
    await this.attachFiles(
      draft.id,
      draft.materials.map((m) => m.key),
    );
    return draft;
  }

  /**
   * A stored file (a small PDF) for each of these materials of the application, as version 1 of each, written
   * straight to the store and the table: a fixture shortcut that leaves the application's version and history as
   * they were (the upload route, which records an UPDATE_MATERIALS each time, is tested in material-files.e2e-spec).
   */
  async attachFiles(applicationId: string, materialCodes: readonly string[]): Promise<void> {
    const storage = this.app.get(BlobStorage, { strict: false });
    for (const code of materialCodes) {
      const blob = await storage.put(Readable.from([Buffer.from(`%PDF-1.4\n% test file for ${code}\n%%EOF\n`)]));
      await this.db.query(
        `INSERT INTO material_files (application_id, material_code, version, storage_key, file_name, kind, media_type,
                                     size_bytes, sha256, uploaded_by, organisation_id, uploaded_at)
         SELECT a.id, $2::varchar, 1, $3, $2::varchar || '.pdf', 'pdf', 'application/pdf', $4, $5, a.created_by, a.organisation_id, $6
           FROM applications a WHERE a.id = $1`,
        [applicationId, code, blob.key, blob.size, blob.sha256, this.app.get(Clock, { strict: false }).now()],
      );
    }
  }

  /** Sends one event through the engine as `username` (SYSTEM for the timer), at the application's current version. */
  async send(applicationId: string, username: string | typeof SYSTEM, command: EventCommand): Promise<FireResult> {
    const principal = username === SYSTEM ? SYSTEM_PRINCIPAL : await this.principal(username);
    const { version } = await this.db.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    return this.app.get(WorkflowEngine).fire(applicationId, principal, command, { expectedVersion: version });
  }

  /** A new application driven through the engine to `state` by the users who would take each step. */
  async application(state: S, options: DriveOptions = {}): Promise<ApplicationEntity> {
    const route = ROUTE[state];
    if (!route) throw new Error(`the factories do not drive an application to ${state}: move the clock in the spec`);
    const applicant = options.applicant ?? 'qd-applicant';
    const draft = await this.draft(applicant, options);
    const id = draft.id;
    const regulator = options.regulator ?? (await this.regulatorFor(draft));
    const rechecker = options.rechecker ?? (await this.regulatorFor(draft, regulator));
    for (const step of route) {
      if (step === 'scoredPanel') await this.scoredPanel(draft, regulator, options.evaluators);
      else if (step === 'openEndedNotice')
        await this.inThePast(() => this.send(id, regulator, { type: E.OpenPublicNotice }));
      else {
        const { by, command } = SIMPLE_STEPS[step];
        const sender = by === 'system' ? SYSTEM : { applicant, regulator, rechecker }[by];
        await this.send(id, sender, command);
      }
    }
    return this.db.getRepository(ApplicationEntity).findOneByOrFail({ id });
  }

  /** 经办: a disbursement verified by `verifier` (a finance officer of the paying bureau) at its current version. */
  async verifiedDisbursement(id: string, verifier = 'qd-finance'): Promise<DisbursementChange> {
    const { version } = await this.db.getRepository(DisbursementEntity).findOneByOrFail({ id });
    return this.app.get(ApproveDisbursementUseCase).verify(id, await this.principal(verifier), version);
  }

  /**
   * 经办 → 审批: a disbursement verified by one finance officer and approved by another, each at the version then
   * current (its payment job is queued with the approval).
   */
  async approvedDisbursement(
    id: string,
    verifier = 'qd-finance',
    approver = 'qd-finance-2',
  ): Promise<DisbursementChange> {
    const { disbursement } = await this.verifiedDisbursement(id, verifier);
    return this.app.get(ApproveDisbursementUseCase).execute(id, await this.principal(approver), disbursement.version);
  }

  /** A subsidy policy for `programme` proposed by one finance officer and approved by a second (active). */
  async policy(
    programme: string,
    terms: Omit<CreateSubsidyPolicyInput, 'programmeId'>,
    proposer = 'qd-finance',
    approver = 'qd-finance-2',
  ): Promise<SubsidyPolicy> {
    const policies = this.app.get(SubsidyPolicyUseCase);
    const { id } = await this.findProgramme(programme);
    const { policy } = await policies.propose(await this.principal(proposer), { ...terms, programmeId: id });
    return (await policies.approve(await this.principal(approver), policy.id, policy.version)).policy;
  }

  private async findProgramme(code = 'QDFTZ-2026'): Promise<ProgrammeEntity> {
    return this.db.getRepository(ProgrammeEntity).findOneByOrFail({ code });
  }

  /**
   * The most local regulator who may see the application and decide in its programme; with `other`, the most local
   * one besides `other` (the second regulator of the re-check), or `other` itself when there is none.
   */
  private async regulatorFor(application: ApplicationEntity, other?: string): Promise<string> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ id: application.programmeId });
    const programmePath = (
      await this.db.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode })
    ).path;
    const regulators = await Promise.all(
      (await this.db.getRepository(UserEntity).findBy({ role: Role.Regulator, active: true })).map((u) =>
        principalOf(this.db, u),
      ),
    );
    const fit = regulators
      .filter(
        (p) =>
          p.jurisdictionPath !== null &&
          isWithin(application.jurisdictionPath, p.jurisdictionPath) &&
          isWithin(programmePath, p.jurisdictionPath),
      )
      .sort((a, b) => b.jurisdictionPath!.length - a.jurisdictionPath!.length);
    if (fit.length === 0) throw new Error(`no regulator may decide on application ${application.reference}`);
    if (other !== undefined) return fit.find((p) => p.username !== other)?.username ?? other;
    return fit[0].username!;
  }

  /** A full panel (the programme's size) assigned, each scoring 90% of every dimension. */
  private async scoredPanel(application: ApplicationEntity, regulator: string, chosen?: string[]): Promise<void> {
    const { panelSize, rubric } = application.snapshot.context.rules;
    const evaluators = chosen ?? (await this.nearestEvaluators(application, panelSize));
    const scores = Object.fromEntries(rubric.dimensions.map((d) => [d.key, Math.round(d.maxScore * 0.9)]));
    for (const username of evaluators) {
      const { id } = await this.db.getRepository(UserEntity).findOneByOrFail({ username });
      await this.send(application.id, regulator, { type: E.AssignEvaluator, evaluatorId: id });
    }
    for (const username of evaluators) await this.send(application.id, username, { type: E.SubmitScore, scores });
  }

  private async nearestEvaluators(application: ApplicationEntity, count: number): Promise<string[]> {
    const all = await Promise.all(
      (await this.db.getRepository(UserEntity).findBy({ role: Role.Evaluator, active: true })).map((u) =>
        principalOf(this.db, u),
      ),
    );
    const near = (p: Principal) =>
      p.jurisdictionPath !== null && isWithin(application.jurisdictionPath, p.jurisdictionPath) ? 0 : 1;
    const picked = all.sort((a, b) => near(a) - near(b) || a.username!.localeCompare(b.username!)).slice(0, count);
    if (picked.length < count) throw new Error(`only ${picked.length} evaluators for a panel of ${count}`);
    return picked.map((p) => p.username!);
  }

  /** Runs `act` with the clock 30 days back (so a notice opened then has already ended), then puts it back. */
  private async inThePast<T>(act: () => Promise<T>): Promise<T> {
    if (!(this.app.get(Clock) instanceof TestClock))
      throw new Error('Factories need Clock overridden by TestClock to open an ended notice');
    const offset = TestClock.offset;
    TestClock.shift(offset - 30 * 86_400_000);
    try {
      return await act();
    } finally {
      TestClock.shift(offset);
    }
  }
}

/** Stands for the system timer in `Factories.send`. */
export const SYSTEM = Symbol('system');

/**
 * A call window that is open now and stays open while a test moves the clock (by years, too): from a year before now
 * (or the start of the programme's year, if earlier) to five years after now, so it touches the programme's year
 * whenever the suite runs.
 */
export function openCall(year: number, now: Date): { opensAt: Date; closesAt: Date } {
  const aYearAgo = new Date(now.getTime() - 366 * 86_400_000);
  const yearStart = chinaYearStart(year);
  return {
    opensAt: aYearAgo < yearStart ? aYearAgo : yearStart,
    closesAt: new Date(now.getTime() + 5 * 366 * 86_400_000),
  };
}
