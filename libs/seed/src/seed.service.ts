import {
  ApplicationEntity,
  CreateApplicationUseCase,
  UploadMaterialFileUseCase,
  WorkflowEngine,
} from '@app/accreditation';
import {
  ACCREDITATION_MACHINE_VERSION,
  AccreditationEventType as E,
  AccreditationState,
  childPath,
  Principal,
} from '@app/domain';
import { hashPassword, OrganisationEntity, principalOf, UserEntity, VerificationStatus } from '@app/identity';
import { Clock } from '@app/platform';
import { CalendarDayEntity, CalendarYearEntity, JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { SubsidyPolicyEntity, SubsidyPolicyUseCase } from '@app/subsidy';
import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import {
  DEMO_EXPERT_PROFILES,
  DEMO_JURISDICTIONS,
  DEMO_MATERIALS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_PROGRAMMES,
  DEMO_SUBSIDY_POLICIES,
  DEMO_USERS,
  QINGDAO_RUBRIC,
  REQUIRED_MATERIALS,
} from './demo-data';
import { seedDemoQuotas } from './demo-quotas';
import { seedLadder } from './demo-ladder';
import { seedDemoDirectory } from './demo-directory';
import { seedDemoStats } from './demo-stats';
import { seedDemoPilot } from './demo-pilot';
import { loadOfficialCalendar } from './official-calendar';
import { demoCall, seedProgrammeVersions } from './demo-calls';

/** A clock the seed can set back, so the demo application's notice window lies in the past. */
export class SettableClock extends Clock {
  private at: Date | null = null;
  set(at: Date | null) {
    this.at = at;
  }
  now(): Date {
    return this.at ?? new Date();
  }
}

/** Idempotent: running it twice changes nothing the first run made. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly db: DataSource,
    private readonly create: CreateApplicationUseCase,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly policies: SubsidyPolicyUseCase,
    private readonly uploads: UploadMaterialFileUseCase,
  ) {}

  async seedCalendar(): Promise<void> {
    const years = await this.db.getRepository(CalendarYearEntity).find();
    const official = loadOfficialCalendar([2025, 2026, 2027]);
    for (const y of official.years) {
      if (years.some((r) => r.year === y.year)) continue;
      await this.db.transaction(async (tx) => {
        await tx.getRepository(CalendarDayEntity).upsert(
          y.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null })),
          ['date'],
        );
        await tx.getRepository(CalendarYearEntity).insert({ year: y.year, source: official.source });
      });
      this.logger.log(`calendar ${y.year}: ${y.days.length} holidays and make-up working days from ${official.source}`);
    }
    for (const missing of official.missing) {
      this.logger.warn(`calendar ${missing}: no official schedule available; weekends only until an admin loads it`);
    }
  }

  /** Reference data (jurisdictions, organisations, users, programmes) and, unless told otherwise, the demo application. */
  async seedDemo(options: { demoApplication?: boolean; passwordHash?: string } = {}): Promise<void> {
    const jRepo = this.db.getRepository(JurisdictionEntity);
    const paths = new Map<string, string>();
    for (const j of DEMO_JURISDICTIONS) {
      const path = childPath(j.parent ? paths.get(j.parent)! : null, j.code);
      paths.set(j.code, path);
      await jRepo.upsert(
        { code: j.code, name: j.name, level: j.level, isFreeTradeZone: j.ftz ?? false, parentCode: j.parent, path },
        ['code'],
      );
    }
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANISATIONS) {
      const repo = this.db.getRepository(OrganisationEntity);
      let org = await repo.findOneBy({ creditCode: o.creditCode });
      org ??= await repo.save({
        creditCode: o.creditCode,
        name: o.name,
        kind: o.kind,
        jurisdictionCode: o.jurisdiction,
        bankAccount: o.bank ? { ...o.bank, accountName: o.name } : null,
        // the demo organisations stand for ones a regulator has verified (实名认证)
        verificationStatus: VerificationStatus.Verified,
      });
      orgIds.set(o.key, org.id);
    }
    const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
    for (const u of DEMO_USERS) {
      const repo = this.db.getRepository(UserEntity);
      if (await repo.findOneBy({ username: u.username })) continue;
      await repo.insert({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        jurisdictionCode: u.jurisdiction ?? null,
        organisationId: u.org ? orgIds.get(u.org)! : null,
      });
    }
    const creditCodes = new Map<string, string>(DEMO_ORGANISATIONS.map((o) => [o.key, o.creditCode]));
    for (const e of DEMO_EXPERT_PROFILES) {
      // the expert pool's profiles, each as if kept by the expert themself
      await this.db.query(
        `INSERT INTO expert_profiles (user_id, fields, employer_name, employer_credit_code, conflict_credit_codes, updated_by, updated_at)
         SELECT id, $2, $3, $4, $5, id, now() FROM users WHERE username = $1
         ON CONFLICT (user_id) DO NOTHING`,
        [
          e.username,
          e.fields,
          e.employerName,
          creditCodes.get(e.employer) ?? e.employer,
          (e.conflictsWith ?? []).map((k) => creditCodes.get(k)!),
        ],
      );
    }
    for (const p of DEMO_PROGRAMMES) {
      const repo = this.db.getRepository(ProgrammeEntity);
      if (await repo.findOneBy({ code: p.code })) continue;
      await repo.insert({
        code: p.code,
        name: p.name,
        jurisdictionCode: p.jurisdiction,
        unitKind: p.unitKind,
        level: p.level,
        year: p.year,
        rubric: QINGDAO_RUBRIC,
        panelSize: p.panelSize,
        requiredMaterials: REQUIRED_MATERIALS,
        noticeWorkingDays: p.noticeWorkingDays,
        quota: p.quota,
        validityYears: p.validityYears,
        machineVersion: ACCREDITATION_MACHINE_VERSION,
        ...demoCall(p.year, p.unitKind, this.clock.now()),
      });
    }
    await seedProgrammeVersions(this.db);
    // each policy under four eyes, as finance would do it: one officer proposes, the second approves
    for (const sp of DEMO_SUBSIDY_POLICIES) {
      const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ code: sp.programme });
      if (await this.db.getRepository(SubsidyPolicyEntity).findOneBy({ programmeId: programme.id })) continue;
      const officer = async (username: string) =>
        principalOf(this.db, await this.db.getRepository(UserEntity).findOneByOrFail({ username }));
      const { policy } = await this.policies.propose(await officer(sp.proposedBy), {
        programmeId: programme.id,
        name: sp.name,
        amountFen: sp.amountFen,
        budgetFen: sp.budgetFen,
        purpose: sp.purpose,
      });
      await this.policies.approve(await officer(sp.approvedBy), policy.id, policy.version);
    }
    await seedDemoQuotas(this.db, passwordHash);
    await seedProgrammeVersions(this.db);
    if (options.demoApplication !== false) await this.seedQingdaoApplication();
    const { create, engine, uploads } = this;
    const setClock = (at: Date | null) => (this.clock as SettableClock).set(at);
    await seedLadder(
      this.db,
      { create, engine, uploads, setClock },
      { walk: options.demoApplication !== false, passwordHash },
    );
    await seedDemoStats(this.db);
    if (options.demoApplication !== false) await seedDemoDirectory(this.db, this.clock.now(), passwordHash);
    await seedDemoPilot({ ...this.pilotDeps() }, { passwordHash, applications: options.demoApplication !== false });
  }

  private pilotDeps() {
    const { db, create, engine, uploads } = this;
    return { db, create, engine, uploads, clock: this.clock as SettableClock };
  }

  /**
   * One Qingdao application walked through the real engine up to an open public notice whose window already
   * ended: the worker's deadline job closes it, and a regulator can then designate it.
   */
  private async seedQingdaoApplication(): Promise<void> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    const exists = await this.db.getRepository(ApplicationEntity).findOneBy({ programmeId: programme.id });
    if (exists) return;
    const users = new Map((await this.db.getRepository(UserEntity).find()).map((u) => [u.username, u]));
    const principals = new Map<string, Principal>();
    for (const [name, u] of users) principals.set(name, await principalOf(this.db, u));
    const principal = (username: string) => principals.get(username)!;
    const clock = this.clock as SettableClock;
    const start = new Date(Date.now() - 30 * 86_400_000);
    let hour = 0;
    const tick = () => clock.set(new Date(start.getTime() + hour++ * 3_600_000));
    tick();
    const app = await this.create.execute(principal('qd-applicant'), {
      programmeId: programme.id,
      title: '青岛海湾精密机械有限公司 商业秘密保护示范点申报',
      materials: DEMO_MATERIALS,
    });
    // the materials as uploaded files (a small PDF each), as the applicant would upload them
    for (const m of DEMO_MATERIALS) {
      tick();
      await this.uploads.execute(
        app.id,
        principal('qd-applicant'),
        m.key,
        {
          stream: Readable.from([demoPdf(m.title)]),
          fileName: `${m.title}.pdf`,
          field: 'file',
          truncated: () => false,
        },
        DEMO_FILE_LIMIT,
        null,
      );
    }
    const steps: [string, { type: E; [k: string]: unknown }][] = [
      ['qd-applicant', { type: E.Submit }],
      ['qd-regulator', { type: E.PassPreliminary, comment: '材料齐全' }],
      ['qd-regulator-2', { type: E.PassRecheck }], // 复核 by a second regulator
      ['qd-regulator', { type: E.AssignEvaluator, evaluatorId: users.get('qd-evaluator-1')!.id }],
      ['qd-regulator', { type: E.AssignEvaluator, evaluatorId: users.get('qd-evaluator-2')!.id }],
      ['qd-regulator', { type: E.AssignEvaluator, evaluatorId: users.get('qd-evaluator-3')!.id }],
      [
        'qd-evaluator-1',
        { type: E.SubmitScore, scores: { system_completeness: 88, staff_awareness: 80, results: 78 } },
      ],
      [
        'qd-evaluator-2',
        { type: E.SubmitScore, scores: { system_completeness: 92, staff_awareness: 75, results: 81 } },
      ],
      [
        'qd-evaluator-3',
        { type: E.SubmitScore, scores: { system_completeness: 85, staff_awareness: 83, results: 76 } },
      ],
      ['qd-regulator', { type: E.OpenPublicNotice }],
    ];
    let version = (await this.db.getRepository(ApplicationEntity).findOneByOrFail({ id: app.id })).version;
    for (const [user, command] of steps) {
      tick();
      const res = await this.engine.fire(app.id, principal(user), command as never, { expectedVersion: version });
      version = res.application.version;
    }
    clock.set(null);
    this.logger.log(
      `demo application ${app.reference} is in ${AccreditationState.PublicNotice}; its window has ended, the worker closes it`,
    );
  }
}

const DEMO_FILE_LIMIT = 1024 * 1024;

/** A one-page PDF naming a demo material (its text in ASCII: the title is in the file name). */
function demoPdf(title: string): Buffer {
  const text = `demo material: ${Buffer.from(title, 'utf8').toString('hex')}`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}
