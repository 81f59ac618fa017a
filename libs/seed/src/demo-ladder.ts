import { demoCall, seedProgrammeVersions } from './demo-calls';
import {
  ApplicationEntity,
  CreateApplicationUseCase,
  SYSTEM_PRINCIPAL,
  UploadMaterialFileUseCase,
  WorkflowEngine,
} from '@app/accreditation';
import {
  ACCREDITATION_MACHINE_VERSION,
  AccountRole,
  AccreditationEventType as E,
  EventCommand,
  JurisdictionLevel,
  type Principal,
  ProgrammeIntake,
  Role,
  UnitKind,
  usccCheckCharacter,
} from '@app/domain';
import { OrganisationEntity, OrganisationKind, principalOf, UserEntity, VerificationStatus } from '@app/identity';
import { ProgrammeEntity } from '@app/programmes';
import { Logger } from '@nestjs/common';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { DEMO_MATERIALS, QINGDAO_RUBRIC, REQUIRED_MATERIALS } from './demo-data';

/**
 * The ladder (issue 13 items 2 and 3): the Qingdao chain — the FTZ area's district-level programme (QDFTZ-2026),
 * Qingdao city's and Shandong province's programmes taking recommendations from the level below — with a city and a
 * provincial bureau (two regulators each: 初审 and 复核); Hunan's three FTZ areas each with a park whose station is
 * designated, and the province's base programme built on at least three stations.
 */
export const LADDER_USERS: {
  username: string;
  displayName: string;
  role: AccountRole;
  jurisdiction?: string;
  org?: string;
}[] = [
  { username: 'qdc-regulator', displayName: '青岛市市场监管局 审核员', role: Role.Regulator, jurisdiction: '370200' },
  { username: 'qdc-regulator-2', displayName: '青岛市市场监管局 复核员', role: Role.Regulator, jurisdiction: '370200' },
  { username: 'sd-regulator', displayName: '山东省市场监管局 审核员', role: Role.Regulator, jurisdiction: '370000' },
  { username: 'sd-regulator-2', displayName: '山东省市场监管局 复核员', role: Role.Regulator, jurisdiction: '370000' },
  { username: 'hn-cs-park', displayName: '长沙片区产业园 申报专员', role: Role.Applicant, org: 'hn-cs-park' },
  { username: 'hn-yy-park', displayName: '岳阳片区产业园 申报专员', role: Role.Applicant, org: 'hn-yy-park' },
  { username: 'hn-cz-park', displayName: '郴州片区产业园 申报专员', role: Role.Applicant, org: 'hn-cz-park' },
];

const uscc = (division: string, org: string) => `91${division}${org}` + usccCheckCharacter(`91${division}${org}`);

/** A park in each of Hunan's three FTZ areas, each running a demonstration station (示范站). */
export const LADDER_ORGANISATIONS = [
  {
    key: 'hn-cs-park',
    creditCode: uscc('430100', 'MA4P1K7W2'),
    name: '长沙片区智能制造产业园运营有限公司',
    jurisdiction: '430100-FTZ',
  },
  {
    key: 'hn-yy-park',
    creditCode: uscc('430600', 'MA4Q3M8X5'),
    name: '岳阳片区临港产业园运营有限公司',
    jurisdiction: '430600-FTZ',
  },
  {
    key: 'hn-cz-park',
    creditCode: uscc('431000', 'MA4R5N2Y9'),
    name: '郴州片区有色金属产业园运营有限公司',
    jurisdiction: '431000-FTZ',
  },
] as const;

export const LADDER_PROGRAMMES = [
  {
    code: 'QD-CITY-2026',
    name: '青岛市2026年市级商业秘密保护示范点认定（区级推荐）',
    jurisdiction: '370200',
    unitKind: UnitKind.Point,
    level: JurisdictionLevel.City,
    intake: ProgrammeIntake.Recommendation,
    minCandidates: 1,
    maxCandidates: 3,
    minStations: null,
    panelSize: 3,
    quota: null,
  },
  {
    code: 'SD-PROV-2026',
    name: '山东省2026年省级商业秘密保护示范点认定（市级推荐）',
    jurisdiction: '370000',
    unitKind: UnitKind.Point,
    level: JurisdictionLevel.Province,
    intake: ProgrammeIntake.Recommendation,
    minCandidates: 1,
    maxCandidates: 2,
    minStations: null,
    panelSize: 3,
    quota: null,
  },
  {
    code: 'HN-BASES-2026',
    name: '湖南省2026年商业秘密保护示范基地',
    jurisdiction: '430000',
    unitKind: UnitKind.Base,
    level: JurisdictionLevel.Province,
    intake: ProgrammeIntake.Open,
    minCandidates: null,
    maxCandidates: null,
    minStations: 3,
    panelSize: 1,
    quota: 5,
  },
] as const;

/**
 * Reference data of the ladder (idempotent), and with `walk` the demo's designations: a second Huangdao enterprise
 * designated at district level (ready for qd-regulator to recommend to Qingdao city) and the three Hunan parks'
 * stations designated (ready for a base application in HN-BASES-2026).
 */
export async function seedLadder(
  db: DataSource,
  deps: {
    create: CreateApplicationUseCase;
    engine: WorkflowEngine;
    uploads: UploadMaterialFileUseCase;
    setClock(at: Date | null): void;
  },
  options: { walk: boolean; passwordHash: string },
): Promise<void> {
  const orgIds = new Map<string, string>();
  for (const o of LADDER_ORGANISATIONS) {
    const repo = db.getRepository(OrganisationEntity);
    const org =
      (await repo.findOneBy({ creditCode: o.creditCode })) ??
      (await repo.save({
        creditCode: o.creditCode,
        name: o.name,
        kind: OrganisationKind.Park,
        jurisdictionCode: o.jurisdiction,
        bankAccount: null,
        verificationStatus: VerificationStatus.Verified,
      }));
    orgIds.set(o.key, org.id);
  }
  for (const u of LADDER_USERS) {
    const repo = db.getRepository(UserEntity);
    if (await repo.findOneBy({ username: u.username })) continue;
    await repo.insert({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: options.passwordHash,
      jurisdictionCode: u.jurisdiction ?? null,
      organisationId: u.org ? orgIds.get(u.org)! : null,
    });
  }
  for (const p of LADDER_PROGRAMMES) {
    const repo = db.getRepository(ProgrammeEntity);
    if (await repo.findOneBy({ code: p.code })) continue;
    await repo.insert({
      code: p.code,
      name: p.name,
      jurisdictionCode: p.jurisdiction,
      unitKind: p.unitKind,
      level: p.level,
      year: 2026,
      rubric: QINGDAO_RUBRIC,
      panelSize: p.panelSize,
      requiredMaterials: REQUIRED_MATERIALS,
      noticeWorkingDays: 5,
      quota: p.quota,
      validityYears: 3,
      intake: p.intake,
      minCandidates: p.minCandidates,
      maxCandidates: p.maxCandidates,
      minStations: p.minStations,
      machineVersion: ACCREDITATION_MACHINE_VERSION,
      ...demoCall(2026, p.unitKind, new Date()),
    });
  }
  await seedProgrammeVersions(db);
  if (options.walk) await new LadderWalk(db, deps).run();
}

/** The demo's designations, each through the real engine with the clock set back (so notices have ended). */
class LadderWalk {
  private readonly logger = new Logger('DemoLadder');
  private hour = 0;
  private readonly start = new Date(Date.now() - 40 * 86_400_000);
  private principals = new Map<string, Principal>();
  private users = new Map<string, UserEntity>();

  constructor(
    private readonly db: DataSource,
    private readonly deps: Parameters<typeof seedLadder>[1],
  ) {}

  async run(): Promise<void> {
    for (const u of await this.db.getRepository(UserEntity).find()) {
      this.users.set(u.username, u);
      this.principals.set(u.username, await principalOf(this.db, u));
    }
    try {
      await this.designate('QDFTZ-2026', 'qd-applicant-2', '青岛前湾智能装备股份有限公司 商业秘密保护示范点申报', {
        regulator: 'qd-regulator',
        rechecker: 'qd-regulator-2',
        evaluators: ['qd-evaluator-4', 'qd-evaluator-5', 'qd-evaluator-6'],
      });
      for (const park of ['hn-cs-park', 'hn-yy-park', 'hn-cz-park']) {
        await this.designate('HN-STATION-2026', park, `${park} 商业秘密保护示范站`, {
          regulator: 'hn-regulator',
          rechecker: 'hn-regulator-2',
          evaluators: ['cs-evaluator'],
        });
      }
    } finally {
      this.deps.setClock(null);
    }
  }

  private tick(): void {
    this.deps.setClock(new Date(this.start.getTime() + this.hour++ * 3_600_000));
  }

  /** One application of `applicant` in `programme`, designated (skipped when the organisation has one there). */
  private async designate(
    code: string,
    applicant: string,
    title: string,
    people: { regulator: string; rechecker: string; evaluators: string[] },
  ): Promise<void> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ code });
    const organisationId = this.users.get(applicant)!.organisationId!;
    if (await this.db.getRepository(ApplicationEntity).findOneBy({ programmeId: programme.id, organisationId })) return;
    this.tick();
    const app = await this.deps.create.execute(this.principals.get(applicant)!, {
      programmeId: programme.id,
      title,
      materials: DEMO_MATERIALS,
    });
    let version = 1;
    for (const m of DEMO_MATERIALS) {
      this.tick();
      await this.deps.uploads.execute(
        app.id,
        this.principals.get(applicant)!,
        m.key,
        {
          stream: Readable.from([Buffer.from(`%PDF-1.4\n% demo material ${m.key}\n%%EOF\n`, 'latin1')]),
          fileName: `${m.title}.pdf`,
          field: 'file',
          truncated: () => false,
        },
        1024 * 1024,
        version,
      );
      version += 1;
    }
    const scores = { system_completeness: 90, staff_awareness: 82, results: 80 };
    const steps: [string | null, EventCommand][] = [
      [applicant, { type: E.Submit }],
      [people.regulator, { type: E.PassPreliminary }],
      [people.rechecker, { type: E.PassRecheck }],
      ...people.evaluators.map(
        (e) =>
          [people.regulator, { type: E.AssignEvaluator, evaluatorId: this.users.get(e)!.id }] as [string, EventCommand],
      ),
      ...people.evaluators.map((e) => [e, { type: E.SubmitScore, scores }] as [string, EventCommand]),
      [people.regulator, { type: E.OpenPublicNotice }],
    ];
    for (const [user, command] of steps) {
      this.tick();
      version = (
        await this.deps.engine.fire(app.id, this.principals.get(user!)!, command, { expectedVersion: version })
      ).application.version;
    }
    // the notice window has ended by now: the timer's CLOSE_NOTICE, then the designation
    this.deps.setClock(null);
    version = (await this.deps.engine.fire(app.id, SYSTEM_PRINCIPAL, { type: E.CloseNotice })).application.version;
    await this.deps.engine.fire(
      app.id,
      this.principals.get(people.regulator)!,
      { type: E.Designate },
      { expectedVersion: version },
    );
    this.logger.log(`demo ladder: ${app.reference} (${code}) designated`);
  }
}
