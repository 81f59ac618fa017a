import {
  type ActivityFacts,
  ActivityKind as K,
  computeTable,
  MediaLevel,
  RequestEvent,
  RequestSource,
  RequestState,
  Role,
  type TemplateRow,
  validateTemplate,
} from '@app/domain';
import { UserEntity } from '@app/identity';
import {
  EnterpriseRequestEntity,
  EnterpriseRequestEventEntity,
  ServiceActivityEntity,
  StatsEditionEntity,
  StatsFilingEntity,
} from '@app/reports';
import { DataSource } from 'typeorm';

/**
 * The statistics table of the first service month (seed 001, attachment 首届“服务月”活动开展情况统计表): its ten rows,
 * sub-rows and units exactly as printed, and the rule that computes each cell from the activities ledger (row 6
 * from the request ledger). Later editions reuse the rows unless SAMR changes them: a new edition is a new row of
 * data, not code.
 */
export const SERVICE_MONTH_ROWS: TemplateRow[] = [
  {
    number: 1,
    cells: [
      {
        key: '1',
        label: '开展线上线下专题宣传活动',
        unit: '场次',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'count' },
      },
      {
        key: '1.enterprises',
        label: '参与企业',
        unit: '家',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'enterprises' },
      },
      {
        key: '1.participants',
        label: '参与人数',
        unit: '人次',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'participants' },
      },
      {
        key: '1.materials',
        label: '发放各类宣传材料',
        unit: '份',
        rule: { source: 'activities', kinds: [K.Publicity], measure: 'materials' },
      },
    ],
  },
  {
    number: 2,
    cells: [
      {
        key: '2',
        label: '召开企业商业秘密保护座谈会、行政指导会',
        unit: '场次',
        rule: { source: 'activities', kinds: [K.Symposium], measure: 'count' },
      },
      {
        key: '2.enterprises',
        label: '参与企业',
        unit: '家',
        rule: { source: 'activities', kinds: [K.Symposium], measure: 'enterprises' },
      },
    ],
  },
  {
    number: 3,
    cells: [
      {
        key: '3',
        label: '调研走访企业',
        unit: '家',
        rule: { source: 'activities', kinds: [K.Visit], measure: 'enterprises' },
      },
    ],
  },
  {
    number: 4,
    cells: [
      {
        key: '4',
        label: '发放调查问卷',
        unit: '份',
        rule: { source: 'activities', kinds: [K.Questionnaire], measure: 'materials' },
      },
    ],
  },
  {
    number: 5,
    cells: [
      {
        key: '5',
        label: '收集企业商业秘密保护的意见建议',
        unit: '条',
        rule: { source: 'activities', kinds: [K.Suggestions], measure: 'quantity' },
      },
    ],
  },
  {
    number: 6,
    cells: [
      {
        key: '6',
        label: '协调解决企业商业秘密保护诉求和困难',
        unit: '个',
        rule: { source: 'requests', measure: 'closed' },
      },
    ],
  },
  {
    number: 7,
    cells: [
      {
        key: '7',
        label: '开展各类能力提升培训活动',
        unit: '场次',
        rule: { source: 'activities', kinds: [K.Training], measure: 'count' },
      },
      {
        key: '7.enterprises',
        label: '参与企业',
        unit: '家',
        rule: { source: 'activities', kinds: [K.Training], measure: 'enterprises' },
      },
      {
        key: '7.participants',
        label: '参与人数',
        unit: '人次',
        rule: { source: 'activities', kinds: [K.Training], measure: 'participants' },
      },
    ],
  },
  {
    number: 8,
    cells: [
      {
        key: '8',
        label: '公布典型案例',
        unit: '件',
        rule: { source: 'activities', kinds: [K.TypicalCase], measure: 'quantity' },
      },
    ],
  },
  {
    number: 9,
    cells: [
      {
        key: '9',
        label: '向党委、政府报送商业秘密保护报告、信息',
        unit: '篇',
        rule: { source: 'activities', kinds: [K.GovernmentReport], measure: 'quantity' },
      },
    ],
  },
  {
    number: 10,
    cells: [
      {
        key: '10',
        label: '共编发宣传报道',
        unit: '篇',
        rule: { source: 'activities', kinds: [K.PublicityReport], measure: 'quantity' },
      },
      {
        key: '10.central',
        label: '其中,中央媒体报道数量',
        unit: '篇',
        rule: {
          source: 'activities',
          kinds: [K.PublicityReport],
          measure: 'quantity',
          mediaLevels: [MediaLevel.Central],
        },
      },
    ],
  },
];

/**
 * The editions: the first (June 2023, due 7 July 2023 17:00 China time, seed 001 §五) and a later yearly one. The
 * later one's period and deadline are the demo's assumption (the seeds give only the first edition's).
 */
export const DEMO_EDITIONS = [
  {
    code: 'SM-2023',
    name: '2023年首届“服务月”',
    title: '首届“服务月”活动开展情况统计表',
    periodFrom: '2023-06-01',
    periodTo: '2023-06-30',
    deadline: new Date('2023-07-07T17:00:00+08:00'),
    rows: SERVICE_MONTH_ROWS,
  },
  {
    code: 'SM-2026',
    name: '2026年“服务月”',
    title: '2026年“服务月”活动开展情况统计表',
    periodFrom: '2026-06-01',
    periodTo: '2026-06-30',
    deadline: new Date('2026-07-10T17:00:00+08:00'),
    rows: SERVICE_MONTH_ROWS,
  },
];

type DemoActivity = {
  edition: string;
  by: string;
  kind: K;
  title: string;
  heldOn: string;
  jurisdiction: string;
  enterprises?: number;
  participants?: number;
  materials?: number;
  quantity?: number;
  media?: MediaLevel;
};

/** The activities of Shandong and Hunan in the first service month (and one of Shandong's in the later edition). */
export const DEMO_ACTIVITIES: DemoActivity[] = [
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.Publicity,
    title: '“商业秘密保护进企业”全省启动仪式',
    heldOn: '2023-06-05',
    jurisdiction: '370000',
    enterprises: 120,
    participants: 560,
    materials: 3000,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.Publicity,
    title: '自贸片区线上专题宣讲',
    heldOn: '2023-06-12',
    jurisdiction: '370211-FTZ',
    enterprises: 45,
    participants: 900,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.Symposium,
    title: '青岛市企业商业秘密保护座谈会',
    heldOn: '2023-06-08',
    jurisdiction: '370200',
    enterprises: 18,
    participants: 30,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.Visit,
    title: '调研走访片区重点企业',
    heldOn: '2023-06-15',
    jurisdiction: '370211-FTZ',
    enterprises: 12,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.Questionnaire,
    title: '企业商业秘密保护现状调查问卷',
    heldOn: '2023-06-10',
    jurisdiction: '370000',
    materials: 850,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.Suggestions,
    title: '收集企业意见建议',
    heldOn: '2023-06-20',
    jurisdiction: '370200',
    quantity: 36,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.Training,
    title: '商业秘密保护能力提升培训班',
    heldOn: '2023-06-16',
    jurisdiction: '370211-FTZ',
    enterprises: 60,
    participants: 150,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.Training,
    title: '全省商业秘密保护业务培训',
    heldOn: '2023-06-27',
    jurisdiction: '370000',
    enterprises: 85,
    participants: 210,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.TypicalCase,
    title: '公布商业秘密侵权典型案例',
    heldOn: '2023-06-21',
    jurisdiction: '370000',
    quantity: 5,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.GovernmentReport,
    title: '向省委、省政府报送“服务月”工作信息',
    heldOn: '2023-06-28',
    jurisdiction: '370000',
    quantity: 3,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.PublicityReport,
    title: '启动仪式中央媒体报道',
    heldOn: '2023-06-06',
    jurisdiction: '370000',
    quantity: 2,
    media: MediaLevel.Central,
  },
  {
    edition: 'SM-2023',
    by: 'qd-regulator',
    kind: K.PublicityReport,
    title: '青岛地方媒体系列报道',
    heldOn: '2023-06-18',
    jurisdiction: '370200',
    quantity: 9,
    media: MediaLevel.Local,
  },
  {
    edition: 'SM-2023',
    by: 'sd-regulator',
    kind: K.PublicityReport,
    title: '省级媒体专题报道',
    heldOn: '2023-06-25',
    jurisdiction: '370000',
    quantity: 4,
    media: MediaLevel.Provincial,
  },
  {
    edition: 'SM-2023',
    by: 'hn-regulator',
    kind: K.Publicity,
    title: '湖南省“服务月”专题宣传',
    heldOn: '2023-06-07',
    jurisdiction: '430000',
    enterprises: 80,
    participants: 400,
    materials: 2000,
  },
  {
    edition: 'SM-2023',
    by: 'cs-regulator',
    kind: K.Symposium,
    title: '长沙片区行政指导会',
    heldOn: '2023-06-14',
    jurisdiction: '430100-FTZ',
    enterprises: 25,
    participants: 40,
  },
  {
    edition: 'SM-2023',
    by: 'hn-regulator',
    kind: K.Visit,
    title: '走访长沙市重点企业',
    heldOn: '2023-06-19',
    jurisdiction: '430100',
    enterprises: 20,
  },
  {
    edition: 'SM-2023',
    by: 'cs-regulator',
    kind: K.Training,
    title: '长沙片区企业商业秘密保护培训',
    heldOn: '2023-06-22',
    jurisdiction: '430100-FTZ',
    enterprises: 40,
    participants: 95,
  },
  {
    edition: 'SM-2023',
    by: 'hn-regulator',
    kind: K.PublicityReport,
    title: '中央媒体报道湖南“服务月”',
    heldOn: '2023-06-23',
    jurisdiction: '430000',
    quantity: 1,
    media: MediaLevel.Central,
  },
  {
    edition: 'SM-2023',
    by: 'hn-regulator',
    kind: K.PublicityReport,
    title: '岳阳地方媒体报道',
    heldOn: '2023-06-29',
    jurisdiction: '430600',
    quantity: 3,
    media: MediaLevel.Local,
  },
  {
    edition: 'SM-2026',
    by: 'sd-regulator',
    kind: K.Publicity,
    title: '2026年“服务月”全省启动仪式',
    heldOn: '2026-06-03',
    jurisdiction: '370000',
    enterprises: 150,
    participants: 620,
    materials: 3500,
  },
];

type DemoRequest = {
  by: string;
  /** the enterprise's organisation (by an applicant's username), or a name and a place for one without an account */
  applicant?: string;
  enterpriseName?: string;
  jurisdiction?: string;
  title: string;
  content: string;
  createdAt: string;
  assignee?: string;
  answer?: string;
  answeredAt?: string;
  feedback?: string;
  closedAt?: string;
  lead?: string;
};

/** Requests of the ledger: two closed in June 2023 in Shandong (one a lead), one in Hunan, and open ones. */
export const DEMO_REQUESTS: DemoRequest[] = [
  {
    by: 'qd-applicant',
    applicant: 'qd-applicant',
    title: '离职技术骨干带走图纸',
    content: '我司两名技术骨干离职后加入竞争对手，对方随即推出与我司图纸高度相似的产品，请求指导维权。',
    createdAt: '2023-06-09T10:00:00+08:00',
    assignee: 'qd-regulator',
    answer: '已指导企业固定证据，并移交稽查部门核查。',
    answeredAt: '2023-06-20T15:00:00+08:00',
    feedback: '经核查涉嫌侵犯商业秘密，已立案调查，请企业配合提供证据。',
    closedAt: '2023-06-26T16:00:00+08:00',
    lead: '涉嫌侵犯技术秘密，已转为案件线索',
  },
  {
    by: 'sd-regulator',
    enterpriseName: '山东鲁信精工有限公司',
    jurisdiction: '370000',
    title: '保密制度建设咨询',
    content: '企业希望了解如何建立分级保密制度和涉密人员管理办法。',
    createdAt: '2023-06-13T09:30:00+08:00',
    assignee: 'sd-regulator',
    answer: '已提供保密制度模板并安排专家上门指导。',
    answeredAt: '2023-06-21T11:00:00+08:00',
    feedback: '专家已上门指导，企业已建立分级保密制度。',
    closedAt: '2023-06-29T17:00:00+08:00',
  },
  {
    by: 'cs-regulator',
    enterpriseName: '长沙星沙智造科技有限公司',
    jurisdiction: '430100',
    title: '客户名单被前员工利用',
    content: '前销售人员利用客户名单为新雇主揽客，企业请求协调处理。',
    createdAt: '2023-06-15T14:00:00+08:00',
    assignee: 'hn-regulator',
    answer: '已约谈相关企业，督促其停止使用客户名单。',
    answeredAt: '2023-06-28T10:00:00+08:00',
    feedback: '相关企业已书面承诺停止使用，企业确认问题已解决。',
    closedAt: '2023-06-30T23:30:00+08:00',
  },
  {
    by: 'cs-applicant',
    applicant: 'cs-applicant',
    title: '申请商业秘密保护培训',
    content: '希望市场监管部门为我司研发人员开展一次商业秘密保护培训。',
    createdAt: '2026-11-20T09:00:00+08:00',
    assignee: 'cs-regulator',
  },
  {
    by: 'qd-applicant',
    applicant: 'qd-applicant',
    title: '合作方泄露工艺参数',
    content: '外协加工方疑似将我司工艺参数提供给第三方，请求协助核实。',
    createdAt: '2026-12-01T10:00:00+08:00',
  },
];

/**
 * The service month's demo: its editions, the activities of Shandong and Hunan (Shandong's provincial regulator
 * `sd-regulator` comes with the ladder's demo users),
 * requests, and Shandong's first-edition table submitted before the deadline (Hunan's was not: it shows late).
 * Idempotent: what is there already is left alone.
 */
export async function seedDemoStats(db: DataSource): Promise<void> {
  const users = db.getRepository(UserEntity);
  const editions = db.getRepository(StatsEditionEntity);
  for (const e of DEMO_EDITIONS) {
    validateTemplate(e.rows);
    if (await editions.findOneBy({ code: e.code })) continue;
    await editions.insert(e);
  }
  const userOf = async (username: string) => users.findOneByOrFail({ username });
  const pathOf = async (code: string): Promise<string> =>
    (await db.query(`SELECT path FROM jurisdictions WHERE code = $1`, [code]))[0].path;

  if ((await db.getRepository(ServiceActivityEntity).count()) === 0) {
    for (const a of DEMO_ACTIVITIES) {
      const path = await pathOf(a.jurisdiction);
      await db.getRepository(ServiceActivityEntity).insert({
        editionId: (await editions.findOneByOrFail({ code: a.edition })).id,
        kind: a.kind,
        title: a.title,
        heldOn: a.heldOn,
        jurisdictionCode: a.jurisdiction,
        jurisdictionPath: path,
        provinceCode: path.split('/')[2],
        enterprises: a.enterprises ?? 0,
        participants: a.participants ?? 0,
        materials: a.materials ?? 0,
        quantity: a.quantity ?? 0,
        mediaLevel: a.media ?? null,
        note: null,
        createdBy: (await userOf(a.by)).id,
      });
    }
  }

  if ((await db.getRepository(EnterpriseRequestEntity).count()) === 0) {
    for (const r of DEMO_REQUESTS) await seedRequest(db, r, userOf, pathOf);
  }

  // Shandong sealed and submitted its first-edition table the day before the deadline
  const first = await editions.findOneByOrFail({ code: 'SM-2023' });
  if (!(await db.getRepository(StatsFilingEntity).findOneBy({ editionId: first.id, provinceCode: '370000' }))) {
    const activities: ActivityFacts[] = (
      await db.getRepository(ServiceActivityEntity).findBy({ editionId: first.id, provinceCode: '370000' })
    ).map((a) => ({ ...a }));
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM enterprise_requests
        WHERE jurisdiction_path LIKE '/CN/370000/%'
          AND (closed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2`,
      [first.periodFrom, first.periodTo],
    );
    await db.getRepository(StatsFilingEntity).insert({
      editionId: first.id,
      provinceCode: '370000',
      state: 'submitted',
      submittedBy: (await userOf('sd-regulator')).id,
      submittedAt: new Date('2023-07-06T10:00:00+08:00'),
      values: computeTable(first.rows, activities, n),
    });
  }
}

async function seedRequest(
  db: DataSource,
  r: DemoRequest,
  userOf: (username: string) => Promise<UserEntity>,
  pathOf: (code: string) => Promise<string>,
): Promise<void> {
  const by = await userOf(r.by);
  const org = r.applicant
    ? ((
        await db.query(`SELECT id, name, jurisdiction_code FROM organisations WHERE id = $1`, [
          (await userOf(r.applicant)).organisationId,
        ])
      )[0] as {
        id: string;
        name: string;
        jurisdiction_code: string;
      })
    : null;
  const jurisdiction = org ? org.jurisdiction_code : r.jurisdiction!;
  const assignee = r.assignee ? await userOf(r.assignee) : null;
  const state = r.closedAt
    ? RequestState.Closed
    : r.answer
      ? RequestState.Answered
      : assignee
        ? RequestState.Assigned
        : RequestState.Received;
  const saved = await db.getRepository(EnterpriseRequestEntity).save({
    organisationId: org?.id ?? null,
    enterpriseName: org?.name ?? r.enterpriseName!,
    jurisdictionCode: jurisdiction,
    jurisdictionPath: await pathOf(jurisdiction),
    source: r.applicant ? RequestSource.Enterprise : RequestSource.Staff,
    title: r.title,
    content: r.content,
    state,
    assigneeId: assignee?.id ?? null,
    answer: r.answer ?? null,
    feedback: r.feedback ?? null,
    isLead: r.lead !== undefined,
    leadNote: r.lead ?? null,
    createdBy: by.id,
    createdAt: new Date(r.createdAt),
    answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
    closedAt: r.closedAt ? new Date(r.closedAt) : null,
    version: 1,
  });
  const events: Partial<EnterpriseRequestEventEntity>[] = [
    {
      event: RequestEvent.Record,
      fromState: null,
      toState: RequestState.Received,
      actorId: by.id,
      actorRole: by.role,
      at: new Date(r.createdAt),
    },
  ];
  if (assignee)
    events.push({
      event: RequestEvent.Assign,
      fromState: RequestState.Received,
      toState: RequestState.Assigned,
      actorId: assignee.id,
      actorRole: Role.Regulator,
      note: assignee.displayName,
      at: new Date(r.createdAt),
    });
  if (r.answer)
    events.push({
      event: RequestEvent.Answer,
      fromState: RequestState.Assigned,
      toState: RequestState.Answered,
      actorId: assignee!.id,
      actorRole: Role.Regulator,
      note: r.answer,
      at: new Date(r.answeredAt!),
    });
  if (r.lead)
    events.push({
      event: RequestEvent.FlagLead,
      fromState: RequestState.Answered,
      toState: RequestState.Answered,
      actorId: assignee!.id,
      actorRole: Role.Regulator,
      note: r.lead,
      at: new Date(r.answeredAt!),
    });
  if (r.closedAt)
    events.push({
      event: RequestEvent.Close,
      fromState: RequestState.Answered,
      toState: RequestState.Closed,
      actorId: assignee!.id,
      actorRole: Role.Regulator,
      note: r.feedback!,
      at: new Date(r.closedAt),
    });
  await db.getRepository(EnterpriseRequestEventEntity).insert(events.map((e) => ({ ...e, requestId: saved.id })));
}
