import {
  addCalendarDays,
  chinaDate,
  periodOf,
  ReportCadence,
  RiskTier,
  Role,
  shiftPeriod,
  startOfChinaDay,
  usccCheckCharacter,
} from '@app/domain';
import { UserEntity } from '@app/identity';
import { DataSource } from 'typeorm';

/** A regulator of each Hunan city: they keep their city's directory (名录库) and report it to the province. */
export const DEMO_CITY_REGULATORS = [
  { username: 'cs-city-regulator', displayName: '长沙市市场监管局 名录库管理员', jurisdiction: '430100' },
  { username: 'yy-city-regulator', displayName: '岳阳市市场监管局 名录库管理员', jurisdiction: '430600' },
  { username: 'cz-city-regulator', displayName: '郴州市市场监管局 名录库管理员', jurisdiction: '431000' },
] as const;

const code = (division: string, org: string) => `91${division}${org}` + usccCheckCharacter(`91${division}${org}`);

/** Enterprises with protection needs the cities collected in their parks (Hunan §11), with their risk tier (§9). */
export const DEMO_DIRECTORY: {
  city: string;
  name: string;
  creditCode: string;
  industry: string;
  needs: string;
  riskTier: RiskTier;
  basis: string;
  contactName: string;
  contactPhone: string;
}[] = [
  {
    city: '430100',
    name: '长沙湘江新材料科技有限公司',
    // the demo applicant of the Changsha FTZ: its demonstration history shows its applications
    creditCode: code('430100', 'MA4L9R2T6'),
    industry: '新材料',
    needs: '核心配方与烧结工艺参数；研发人员离职竞业',
    riskTier: RiskTier.High,
    basis: '现场走访：近两年核心技术人员流失三人，曾发生图纸外泄',
    contactName: '周工',
    contactPhone: '0731-84561234',
  },
  {
    city: '430100',
    name: '长沙麓谷智能装备有限公司',
    creditCode: code('430100', 'MA4M1C7K2'),
    industry: '装备制造',
    needs: '数控系统源代码与客户名单',
    riskTier: RiskTier.Medium,
    basis: '问卷评估：保密制度齐全，涉密人员培训不足',
    contactName: '李经理',
    contactPhone: '13807310001',
  },
  {
    city: '430100',
    name: '湖南星城生物医药股份有限公司',
    creditCode: code('430100', 'MA4N5D8P3'),
    industry: '生物医药',
    needs: '药物合成路线与临床数据',
    riskTier: RiskTier.High,
    basis: '座谈交流：外包研发合同缺少保密条款',
    contactName: '陈博士',
    contactPhone: '0731-88990011',
  },
  {
    city: '430600',
    name: '岳阳巴陵石化新材料有限公司',
    creditCode: code('430600', 'MA4P2E6Q4'),
    industry: '石油化工',
    needs: '催化剂配方与工艺包',
    riskTier: RiskTier.Medium,
    basis: '综合评估：分级授权到位，离职审计缺失',
    contactName: '刘主任',
    contactPhone: '0730-8123456',
  },
  {
    city: '430600',
    name: '岳阳洞庭食品科技有限公司',
    creditCode: code('430600', 'MA4Q7F1R5'),
    industry: '食品加工',
    needs: '老字号传统配方',
    riskTier: RiskTier.Low,
    basis: '问卷评估：配方仅两人掌握，保管规范',
    contactName: '何经理',
    contactPhone: '13907300002',
  },
  {
    city: '431000',
    name: '郴州有色金属冶炼有限公司',
    creditCode: code('431000', 'MA4R3G9T6'),
    industry: '有色金属',
    needs: '冶炼工艺参数与设备改造方案',
    riskTier: RiskTier.Medium,
    basis: '现场走访：车间分区管理，外来人员登记不全',
    contactName: '黄工',
    contactPhone: '0735-2223344',
  },
];

/**
 * The Hunan cities' directories and their reports of the latest ended quarter (the default cadence, 15 days'
 * grace): Changsha and Chenzhou reported on time, Yueyang not at all, so the province sees it overdue. Idempotent.
 */
export async function seedDemoDirectory(db: DataSource, now: Date, passwordHash: string): Promise<void> {
  const users = db.getRepository(UserEntity);
  for (const u of DEMO_CITY_REGULATORS) {
    if (await users.findOneBy({ username: u.username })) continue;
    await users.insert({
      username: u.username,
      displayName: u.displayName,
      role: Role.Regulator,
      passwordHash,
      jurisdictionCode: u.jurisdiction,
      organisationId: null,
    });
  }
  const assessedOn = addCalendarDays(chinaDate(now), -30);
  for (const e of DEMO_DIRECTORY) {
    const regulator = DEMO_CITY_REGULATORS.find((u) => u.jurisdiction === e.city)!.username;
    await db.query(
      `INSERT INTO directory_entries (jurisdiction_code, jurisdiction_path, name, credit_code, organisation_id, industry,
              needs, risk_tier, assessed_on, assessment_basis, contact_name, contact_phone, created_by, updated_by)
       SELECT j.code, j.path, $2, $3, (SELECT id FROM organisations WHERE credit_code = $3), $4, $5, $6, $7, $8, $9, $10, u.id, u.id
         FROM jurisdictions j, users u WHERE j.code = $1 AND u.username = $11
       ON CONFLICT (credit_code) DO NOTHING`,
      [
        e.city,
        e.name,
        e.creditCode,
        e.industry,
        e.needs,
        e.riskTier,
        assessedOn,
        e.basis,
        e.contactName,
        e.contactPhone,
        regulator,
      ],
    );
  }
  const period = shiftPeriod(periodOf(chinaDate(now), ReportCadence.Quarterly, 15), 1, ReportCadence.Quarterly, 15);
  for (const city of ['430100', '431000']) {
    const regulator = DEMO_CITY_REGULATORS.find((u) => u.jurisdiction === city)!.username;
    await db.query(
      `INSERT INTO directory_reports (jurisdiction_code, period, due_on, submitted_at, submitted_by, entry_count, entries, note)
       SELECT $1, $2, $3, $4, u.id, count(e.id)::int,
              coalesce(jsonb_agg(jsonb_build_object('creditCode', e.credit_code, 'name', e.name, 'industry', e.industry,
                         'riskTier', e.risk_tier, 'assessedOn', to_char(e.assessed_on, 'YYYY-MM-DD'))) FILTER (WHERE e.id IS NOT NULL), '[]'),
              '按季度汇总上报'
         FROM users u LEFT JOIN directory_entries e ON e.jurisdiction_code = $1
        WHERE u.username = $5 GROUP BY u.id
       ON CONFLICT (jurisdiction_code, period) DO NOTHING`,
      [city, period.key, period.dueOn, startOfChinaDay(addCalendarDays(period.dueOn, -5)), regulator],
    );
  }
}
