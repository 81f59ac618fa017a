import { demoCall, seedProgrammeVersions } from './demo-calls';
import {
  ApplicationEntity,
  CreateApplicationUseCase,
  PilotProgrammeUseCase,
  PilotReportEntity,
  SYSTEM_PRINCIPAL,
  UploadMaterialFileUseCase,
  WorkflowEngine,
} from '@app/accreditation';
import {
  ACCREDITATION_MACHINE_VERSION,
  type AccountRole,
  AccreditationEventType as E,
  JurisdictionLevel,
  type Principal,
  Role,
  UnitKind,
  usccCheckCharacter,
} from '@app/domain';
import { OrganisationEntity, OrganisationKind, principalOf, UserEntity, VerificationStatus } from '@app/identity';
import { Clock } from '@app/platform';
import { ProgrammeEntity } from '@app/programmes';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { QINGDAO_RUBRIC } from './demo-data';

/**
 * The national pilot programme's demo (seed 000, issue 13 item 6): the national office's regulators and Shandong's
 * provincial regulators (always: the tests use them), and, with the demo application, a 2025 pilot programme whose
 * four regions (Qingdao and Huangdao in Shandong, Changsha and Yueyang in Hunan) applied, were pre-reviewed and
 * ranked by their provinces, evaluated and designated in June 2025 through the real engine; their reports for the
 * second half of 2025 are all in, for the first half of 2026 three are (one late) and Yueyang's is missing, so the
 * worker's sweep flags it overdue and reminds.
 */
export const PILOT_USERS: { username: string; displayName: string; role: AccountRole; jurisdiction: string }[] = [
  { username: 'cn-regulator', displayName: '市场监管总局 价监竞争局 审核员', role: Role.Regulator, jurisdiction: 'CN' },
  {
    username: 'cn-regulator-2',
    displayName: '市场监管总局 价监竞争局 复核员',
    role: Role.Regulator,
    jurisdiction: 'CN',
  },
  // Shandong's provincial regulators (sd-regulator, sd-regulator-2) come with the ladder's demo users
];

/** The demo's local governments (机关: registration authority 1, kind 1), each with one user. */
const PILOT_GOVERNMENTS = [
  { key: 'qd', name: '青岛市人民政府', jurisdiction: '370200', code: '11370200MB0000001', user: 'qd-gov' },
  { key: 'hd', name: '青岛市黄岛区人民政府', jurisdiction: '370211', code: '11370211MB0000002', user: 'hd-gov' },
  { key: 'cs', name: '长沙市人民政府', jurisdiction: '430100', code: '11430100MB0000003', user: 'cs-gov' },
  { key: 'yy', name: '岳阳市人民政府', jurisdiction: '430600', code: '11430600MB0000004', user: 'yy-gov' },
] as const;

export const PILOT_PROGRAMME_CODE = 'CN-PILOT-2025';
export const PILOT_MATERIALS = [
  { key: 'work_plan', title: '商业秘密保护创新试点工作方案', reference: 'demo://work_plan.pdf' },
];

interface PilotSeedDeps {
  db: DataSource;
  create: CreateApplicationUseCase;
  engine: WorkflowEngine;
  clock: Clock & { set(at: Date | null): void };
  uploads: UploadMaterialFileUseCase;
}

/** Idempotent like the rest of the seed. */
export async function seedDemoPilot(
  deps: PilotSeedDeps,
  options: { passwordHash: string; applications: boolean },
): Promise<void> {
  const users = deps.db.getRepository(UserEntity);
  for (const u of PILOT_USERS) {
    if (await users.findOneBy({ username: u.username })) continue;
    await users.insert({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: options.passwordHash,
      jurisdictionCode: u.jurisdiction,
      organisationId: null,
    });
  }
  if (options.applications) await seedPilotProgramme(deps, options.passwordHash);
}

async function seedPilotProgramme(deps: PilotSeedDeps, passwordHash: string): Promise<void> {
  const { db, clock } = deps;
  if (await db.getRepository(ProgrammeEntity).findOneBy({ code: PILOT_PROGRAMME_CODE })) return;
  const orgs = db.getRepository(OrganisationEntity);
  for (const g of PILOT_GOVERNMENTS) {
    const creditCode = g.code + usccCheckCharacter(g.code);
    let org = await orgs.findOneBy({ creditCode });
    org ??= await orgs.save({
      creditCode,
      name: g.name,
      kind: OrganisationKind.Government,
      jurisdictionCode: g.jurisdiction,
      bankAccount: null,
      verificationStatus: VerificationStatus.Verified,
    });
    if (!(await db.getRepository(UserEntity).findOneBy({ username: g.user })))
      await db.getRepository(UserEntity).insert({
        username: g.user,
        displayName: `${g.name} 试点工作联系人`,
        role: Role.Applicant,
        passwordHash,
        jurisdictionCode: null,
        organisationId: org.id,
      });
  }
  const programme = await db.getRepository(ProgrammeEntity).save({
    code: PILOT_PROGRAMME_CODE,
    name: '全国商业秘密保护创新试点（2025年第一批）',
    jurisdictionCode: 'CN',
    unitKind: UnitKind.PilotRegion,
    level: JurisdictionLevel.National,
    year: 2025,
    rubric: QINGDAO_RUBRIC,
    panelSize: 1,
    requiredMaterials: PILOT_MATERIALS.map((m) => m.key),
    noticeWorkingDays: 5,
    quota: 20,
    validityYears: 3,
    machineVersion: ACCREDITATION_MACHINE_VERSION,
    ...demoCall(2025, UnitKind.PilotRegion, new Date()),
  });
  await seedProgrammeVersions(db);
  const principal = async (username: string): Promise<Principal> =>
    principalOf(db, await db.getRepository(UserEntity).findOneByOrFail({ username }));
  const at = (iso: string) => clock.set(new Date(iso));
  const pilot = new PilotProgrammeUseCase(db, clock, deps.engine);
  at('2025-03-05T02:00:00Z');
  await pilot.setCall(await principal('cn-regulator'), programme.id, {
    preReviewDueOn: '2025-05-15',
    // the 2022 call announced 15–20 regions; the demo's first batch has four, announced together as its list
    minDesignations: 4,
  });

  const ids = new Map<string, string>();
  let hour = 0;
  for (const g of PILOT_GOVERNMENTS) {
    at(`2025-04-0${1 + hour++}T02:00:00Z`);
    const applicant = await principal(g.user);
    const app = await deps.create.execute(applicant, {
      programmeId: programme.id,
      title: `${g.name} 商业秘密保护创新试点申报`,
      materials: PILOT_MATERIALS,
    });
    await deps.uploads.execute(
      app.id,
      applicant,
      'work_plan',
      {
        stream: Readable.from([Buffer.from(`%PDF-1.4\n% work plan of ${g.key}\n%%EOF\n`, 'latin1')]),
        fileName: '创新试点工作方案.pdf',
        field: 'file',
        truncated: () => false,
      },
      1024 * 1024,
      null,
    );
    ids.set(g.key, app.id);
  }
  const fire = async (key: string, username: string, command: { type: E; [k: string]: unknown }, iso: string) => {
    at(iso);
    const app = await db.getRepository(ApplicationEntity).findOneByOrFail({ id: ids.get(key)! });
    const actor = username === 'system' ? SYSTEM_PRINCIPAL : await principal(username);
    await deps.engine.fire(app.id, actor, command as never, { expectedVersion: app.version });
  };
  const province: Record<string, [string, string]> = {
    qd: ['sd-regulator', 'sd-regulator-2'],
    hd: ['sd-regulator', 'sd-regulator-2'],
    cs: ['hn-regulator', 'hn-regulator-2'],
    yy: ['hn-regulator', 'hn-regulator-2'],
  };
  for (const g of PILOT_GOVERNMENTS) {
    await fire(g.key, g.user, { type: E.Submit }, '2025-04-10T02:00:00Z');
    // 初步审核 by the province, 复核 by a second provincial regulator
    await fire(g.key, province[g.key][0], { type: E.PassPreliminary, comment: '工作方案齐全' }, '2025-04-20T02:00:00Z');
    await fire(g.key, province[g.key][1], { type: E.PassRecheck }, '2025-04-25T02:00:00Z');
  }
  // 择优上报: Shandong on time, Hunan a day late
  at('2025-05-14T02:00:00Z');
  await pilot.submitRanking(await principal('sd-regulator'), programme.id, [ids.get('hd')!, ids.get('qd')!]);
  at('2025-05-16T03:00:00Z');
  await pilot.submitRanking(await principal('hn-regulator'), programme.id, [ids.get('cs')!, ids.get('yy')!]);

  const evaluator = (await db.getRepository(UserEntity).findOneByOrFail({ username: 'qd-evaluator-1' })).id;
  for (const g of PILOT_GOVERNMENTS) {
    await fire(g.key, 'cn-regulator', { type: E.AssignEvaluator, evaluatorId: evaluator }, '2025-05-20T02:00:00Z');
    await fire(
      g.key,
      'qd-evaluator-1',
      { type: E.SubmitScore, scores: { system_completeness: 90, staff_awareness: 84, results: 80 } },
      '2025-05-27T02:00:00Z',
    );
  }
  // the national list, announced together: the four regions go on public notice in one transaction
  at('2025-06-03T02:00:00Z');
  await pilot.announce(await principal('cn-regulator'), programme.id, {
    applicationIds: PILOT_GOVERNMENTS.map((g) => ids.get(g.key)!),
  });
  for (const g of PILOT_GOVERNMENTS) {
    await fire(g.key, 'system', { type: E.CloseNotice }, '2025-06-20T02:00:00Z'); // the notice timer's event
    await fire(g.key, 'cn-regulator', { type: E.Designate }, '2025-06-27T02:00:00Z');
  }

  // the regions' reports: 2025-H2 all on time; 2026-H1 three in (Changsha late), Yueyang's missing
  const summaries: Record<string, string> = {
    qd: '出台商业秘密保护指引，建立市区两级联络员制度，覆盖重点企业120家。',
    hd: '在自贸片区设立商业秘密保护工作站3个，开展企业培训12场。',
    cs: '建立行政、司法联动机制，移送侵犯商业秘密案件线索2条。',
    yy: '完成重点产业商业秘密保护需求调查，形成企业名录库。',
  };
  const reports = db.getRepository(PilotReportEntity);
  for (const g of PILOT_GOVERNMENTS) {
    const region = await principal(g.user);
    const submit = async (dueOn: string, submittedAt: string) => {
      const report = await reports.findOneByOrFail({ applicationId: ids.get(g.key)!, dueOn });
      at(submittedAt);
      await pilot.submitReport(region, report.id, summaries[g.key]);
    };
    await submit('2025-12-31', '2025-12-26T03:00:00Z');
    if (g.key === 'cs') await submit('2026-06-30', '2026-07-03T03:00:00Z');
    else if (g.key !== 'yy') await submit('2026-06-30', '2026-06-28T03:00:00Z');
  }
  clock.set(null);
}
