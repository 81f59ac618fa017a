import { demoCall } from './demo-calls';
import { ACCREDITATION_MACHINE_VERSION, childPath, JurisdictionLevel, Role, UnitKind } from '@app/domain';
import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { DataSource } from 'typeorm';
import { QINGDAO_RUBRIC, REQUIRED_MATERIALS } from './demo-data';

/**
 * Quotas and targets (issue 13 item 4): Hunan's FTZ programme with 1–2 demonstration enterprises per FTZ area
 * (Changsha, Yueyang, Chenzhou; Hunan notice §2), and Jiaxing (Zhejiang) with its targets of 5 / 10 / 20
 * demonstration points and 100 / 200 / 300 liaison points by the end of 2015 / 2016 / 2017 (Jiaxing 2014), set by a
 * Jiaxing regulator. Idempotent: what exists is left as it is.
 */
export const HUNAN_FTZ_PROGRAMME = {
  code: 'HNFTZ-2026',
  name: '湖南自贸试验区2026年商业秘密保护示范企业（各片区1—2家）',
  jurisdiction: '430000',
  unitKind: UnitKind.Enterprise,
  level: JurisdictionLevel.Province,
  year: 2026,
  panelSize: 1,
  noticeWorkingDays: 5,
  quota: 6,
  validityYears: 3,
  areas: [
    { jurisdictionCode: '430100-FTZ', min: 1, max: 2 },
    { jurisdictionCode: '430600-FTZ', min: 1, max: 2 },
    { jurisdictionCode: '431000-FTZ', min: 1, max: 2 },
  ],
} as const;

export const JIAXING_JURISDICTIONS = [
  { code: '330000', name: '浙江省', level: JurisdictionLevel.Province, parent: 'CN' },
  { code: '330400', name: '嘉兴市', level: JurisdictionLevel.City, parent: '330000' },
] as const;

export const JIAXING_REGULATOR = {
  username: 'jx-regulator',
  displayName: '嘉兴市市场监管局 审核员',
  jurisdiction: '330400',
};

const JIAXING_NOTE = '嘉兴市人民政府 2014 年实施意见：到 2015 / 2016 / 2017 年底';
export const JIAXING_TARGETS = [
  { unitKind: UnitKind.Point, year: 2015, target: 5 },
  { unitKind: UnitKind.Point, year: 2016, target: 10 },
  { unitKind: UnitKind.Point, year: 2017, target: 20 },
  { unitKind: UnitKind.LiaisonPoint, year: 2015, target: 100 },
  { unitKind: UnitKind.LiaisonPoint, year: 2016, target: 200 },
  { unitKind: UnitKind.LiaisonPoint, year: 2017, target: 300 },
] as const;

export async function seedDemoQuotas(db: DataSource, passwordHash: string): Promise<void> {
  const jurisdictions = db.getRepository(JurisdictionEntity);
  for (const j of JIAXING_JURISDICTIONS) {
    const parent = await jurisdictions.findOneByOrFail({ code: j.parent });
    await jurisdictions.upsert(
      {
        code: j.code,
        name: j.name,
        level: j.level,
        isFreeTradeZone: false,
        parentCode: j.parent,
        path: childPath(parent.path, j.code),
      },
      ['code'],
    );
  }
  const users = db.getRepository(UserEntity);
  if (!(await users.findOneBy({ username: JIAXING_REGULATOR.username }))) {
    await users.insert({
      username: JIAXING_REGULATOR.username,
      displayName: JIAXING_REGULATOR.displayName,
      role: Role.Regulator,
      passwordHash,
      jurisdictionCode: JIAXING_REGULATOR.jurisdiction,
      organisationId: null,
    });
  }
  const p = HUNAN_FTZ_PROGRAMME;
  const programmes = db.getRepository(ProgrammeEntity);
  if (!(await programmes.findOneBy({ code: p.code }))) {
    await programmes.insert({
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
      ...demoCall(p.year, p.unitKind, new Date()),
    });
  }
  // set by the programme's bureau (the Hunan provincial bureau)
  for (const a of p.areas) {
    await db.query(
      `INSERT INTO programme_area_quotas (programme_id, jurisdiction_code, min_designations, max_designations, updated_by, updated_at)
       SELECT p.id, $2, $3, $4, u.id, now() FROM programmes p, users u WHERE p.code = $1 AND u.username = 'hn-regulator'
       ON CONFLICT (programme_id, jurisdiction_code) DO NOTHING`,
      [p.code, a.jurisdictionCode, a.min, a.max],
    );
  }
  for (const t of JIAXING_TARGETS) {
    await db.query(
      `INSERT INTO designation_targets (jurisdiction_code, unit_kind, year, target_units, note, updated_by, updated_at)
       SELECT $1, $2, $3, $4, $5, u.id, now() FROM users u WHERE u.username = $6
       ON CONFLICT (jurisdiction_code, unit_kind, year) DO NOTHING`,
      [JIAXING_REGULATOR.jurisdiction, t.unitKind, t.year, t.target, JIAXING_NOTE, JIAXING_REGULATOR.username],
    );
  }
}
