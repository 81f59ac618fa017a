import {
  ACTIVITY_KIND_LABELS,
  ActivityKind,
  MediaLevel,
  REQUEST_STATE_LABELS,
  RequestEvent,
  RequestSource,
  RequestState,
  Role,
  type TemplateCell,
  type TemplateRow,
} from '@app/domain';
import { type Page } from '@app/platform';
import {
  type CellDrillDown,
  type EnterpriseRequest,
  type EnterpriseRequestEvent,
  type FilingRow,
  type ServiceActivity,
  type StatsEdition,
  type StatsTable,
} from '@app/reports';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const FILING_STATUSES = ['draft', 'late', 'submitted', 'submitted_late'];

/** How a cell is computed: the sum of `measure` over activities of `kinds` (and `mediaLevels`), or closed requests. */
export class CellRuleView {
  @ApiProperty({ enum: ['activities', 'requests'] }) source: string;
  @ApiPropertyOptional({ enum: ActivityKind, enumName: 'ActivityKind', isArray: true }) kinds?: ActivityKind[];
  @ApiProperty({ enum: ['count', 'enterprises', 'participants', 'materials', 'quantity', 'closed'] }) measure: string;
  @ApiPropertyOptional({ enum: MediaLevel, enumName: 'MediaLevel', isArray: true }) mediaLevels?: MediaLevel[];
}

export class TemplateCellView {
  @ApiProperty({ example: '1.enterprises' }) key: string;
  @ApiProperty({ example: '参与企业' }) label: string;
  @ApiProperty({ example: '家' }) unit: string;
  @ApiProperty({ type: CellRuleView }) rule: CellRuleView;

  static of(c: TemplateCell): TemplateCellView {
    return { key: c.key, label: c.label, unit: c.unit, rule: { ...c.rule } };
  }
}

export class TemplateRowView {
  @ApiProperty({ type: 'integer', example: 1 }) number: number;
  @ApiProperty({
    type: [TemplateCellView],
    description: 'the first cell carries the row’s label, the rest are sub-rows',
  })
  cells: TemplateCellView[];

  static of(r: TemplateRow): TemplateRowView {
    return { number: r.number, cells: r.cells.map(TemplateCellView.of) };
  }
}

/** An edition of the service month with its table's template. */
export class EditionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SM-2023' }) code: string;
  @ApiProperty({ example: '2023年首届“服务月”' }) name: string;
  @ApiProperty({ example: '首届“服务月”活动开展情况统计表' }) title: string;
  @ApiProperty({ format: 'date' }) periodFrom: string;
  @ApiProperty({ format: 'date' }) periodTo: string;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ type: [TemplateRowView] }) rows: TemplateRowView[];

  static of(e: StatsEdition): EditionView {
    return {
      id: e.id,
      code: e.code,
      name: e.name,
      title: e.title,
      periodFrom: e.periodFrom,
      periodTo: e.periodTo,
      deadline: e.deadline.toISOString(),
      rows: e.rows.map(TemplateRowView.of),
    };
  }
}

export class TableCellView {
  @ApiProperty({ example: '1.enterprises' }) key: string;
  @ApiProperty({ example: '参与企业' }) label: string;
  @ApiProperty({ example: '家' }) unit: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) value: number;
}

export class TableRowView {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ type: [TableCellView] }) cells: TableCellView[];
}

/** A province's table: computed from the ledgers while a draft, as sealed once submitted. */
export class StatsTableView {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() editionCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) periodFrom: string;
  @ApiProperty({ format: 'date' }) periodTo: string;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ example: '370000' }) provinceCode: string;
  @ApiProperty({ example: '山东省', description: '填报单位' }) provinceName: string;
  @ApiProperty({
    enum: FILING_STATUSES,
    description: 'draft (before the deadline), late (past it, not submitted), submitted, submitted_late',
  })
  status: string;
  @ApiProperty({ description: 'submitted: locked, its activities can no longer change' }) locked: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedByName: string | null;
  @ApiProperty({ type: [TableRowView] }) rows: TableRowView[];

  static of(t: StatsTable): StatsTableView {
    return {
      editionId: t.edition.id,
      editionCode: t.edition.code,
      title: t.edition.title,
      periodFrom: t.edition.periodFrom,
      periodTo: t.edition.periodTo,
      deadline: t.edition.deadline.toISOString(),
      provinceCode: t.province.code,
      provinceName: t.province.name,
      status: t.status,
      locked: t.filing !== null,
      submittedAt: t.filing?.submittedAt.toISOString() ?? null,
      submittedByName: t.filing?.submittedByName ?? null,
      rows: t.edition.rows.map((r) => ({
        number: r.number,
        cells: r.cells.map((c) => ({ key: c.key, label: c.label, unit: c.unit, value: t.values[c.key] ?? 0 })),
      })),
    };
  }
}

/** One province's filing of an edition, as a higher level sees it. */
export class FilingView {
  @ApiProperty({ example: '430000' }) provinceCode: string;
  @ApiProperty({ example: '湖南省' }) provinceName: string;
  @ApiProperty({ enum: FILING_STATUSES }) status: string;
  @ApiProperty({ description: 'the deadline passed before it was submitted (or it still is not)' }) late: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedByName: string | null;

  static of(f: FilingRow): FilingView {
    return {
      provinceCode: f.province.code,
      provinceName: f.province.name,
      status: f.status,
      late: f.status === 'late' || f.status === 'submitted_late',
      submittedAt: f.submittedAt?.toISOString() ?? null,
      submittedByName: f.submittedByName,
    };
  }
}

/** One service activity of the ledger. */
export class ActivityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty({ example: '专题宣传活动' }) kindLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty({ example: '370211-FTZ' }) jurisdictionCode: string;
  @ApiProperty({ example: '370000', description: 'the province whose table it counts into' }) provinceCode: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: '参与企业 (家)' }) enterprises: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: '参与人数 (人次)' }) participants: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: '发放材料、问卷 (份)' }) materials: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: '意见建议 (条)、案例 (件)、报告和报道 (篇)' })
  quantity: number;
  @ApiProperty({ type: 'string', enum: Object.values(MediaLevel), nullable: true }) mediaLevel: MediaLevel | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;

  static of(a: ServiceActivity): ActivityView {
    return {
      id: a.id,
      editionId: a.editionId,
      kind: a.kind,
      kindLabel: ACTIVITY_KIND_LABELS[a.kind],
      title: a.title,
      heldOn: a.heldOn,
      jurisdictionCode: a.jurisdictionCode,
      provinceCode: a.provinceCode,
      enterprises: a.enterprises,
      participants: a.participants,
      materials: a.materials,
      quantity: a.quantity,
      mediaLevel: a.mediaLevel,
      note: a.note,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
    };
  }
}

export class ActivityPageView {
  @ApiProperty({ type: [ActivityView] }) items: ActivityView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'how many match, counted up to 1,000' }) total: number;
  @ApiProperty({ description: 'false when more than 1,000 match; total is then 1000' }) totalIsExact: boolean;

  static of(p: Page<ServiceActivity>): ActivityPageView {
    return { ...p, items: p.items.map(ActivityView.of) };
  }
}

/** A request of the ledger; an enterprise sees its own without the bureau's internal fields (null for it). */
export class RequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: RequestSource, enumName: 'RequestSource' }) source: RequestSource;
  @ApiProperty() title: string;
  @ApiProperty() content: string;
  @ApiProperty({ enum: RequestState, enumName: 'RequestState' }) state: RequestState;
  @ApiProperty({ example: '已办结' }) stateLabel: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the bureau’s answer (staff only)' }) answer: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'what the enterprise reads when it is closed' })
  feedback: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'an enforcement lead (线索); null for the enterprise' })
  isLead: boolean | null;
  @ApiProperty({ nullable: true, type: String }) leadNote: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: 'integer' }) version: number;

  static of(r: EnterpriseRequest, viewer: Role): RequestView {
    const staff = viewer !== Role.Applicant;
    return {
      id: r.id,
      enterpriseName: r.enterpriseName,
      organisationId: r.organisationId,
      jurisdictionCode: r.jurisdictionCode,
      source: r.source,
      title: r.title,
      content: r.content,
      state: r.state,
      stateLabel: REQUEST_STATE_LABELS[r.state],
      assigneeId: staff ? r.assigneeId : null,
      answer: staff ? r.answer : null,
      feedback: r.feedback,
      isLead: staff ? r.isLead : null,
      leadNote: staff ? r.leadNote : null,
      createdAt: r.createdAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      version: r.version,
    };
  }
}

export class RequestEventView {
  @ApiProperty({ enum: RequestEvent, enumName: 'RequestEvent' }) event: RequestEvent;
  @ApiProperty({ type: 'string', enum: Object.values(RequestState), nullable: true }) fromState: RequestState | null;
  @ApiProperty({ enum: RequestState, enumName: 'RequestState' }) toState: RequestState;
  @ApiProperty() actorRole: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class RequestDetailView extends RequestView {
  @ApiProperty({ type: [RequestEventView] }) events: RequestEventView[];

  static detail(r: EnterpriseRequest, events: EnterpriseRequestEvent[], viewer: Role): RequestDetailView {
    const staff = viewer !== Role.Applicant;
    // the enterprise follows its request's steps, not the bureau's notes nor the lead flag
    const shown = staff
      ? events
      : events.filter((e) => e.event !== RequestEvent.FlagLead && e.event !== RequestEvent.UnflagLead);
    return {
      ...RequestView.of(r, viewer),
      events: shown.map((e) => ({
        event: e.event,
        fromState: e.fromState,
        toState: e.toState,
        actorRole: e.actorRole,
        note: staff || e.event === RequestEvent.Close ? e.note : null,
        at: e.at.toISOString(),
      })),
    };
  }
}

export class RequestPageView {
  @ApiProperty({ type: [RequestView] }) items: RequestView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'how many match, counted up to 1,000' }) total: number;
  @ApiProperty({ description: 'false when more than 1,000 match; total is then 1000' }) totalIsExact: boolean;

  static of(p: Page<EnterpriseRequest>, viewer: Role): RequestPageView {
    return { ...p, items: p.items.map((r) => RequestView.of(r, viewer)) };
  }
}

export class DrillActivityView {
  @ApiProperty({ type: ActivityView }) activity: ActivityView;
  @ApiProperty({ type: 'integer', description: 'what this activity adds to the cell' }) contributes: number;
}

/** What lies behind one cell: the contributions sum to `value`. */
export class CellDrillDownView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: 'integer' }) value: number;
  @ApiProperty({ type: [DrillActivityView] }) activities: DrillActivityView[];
  @ApiProperty({ type: [RequestView], description: 'row 6: the requests closed in the period' })
  requests: RequestView[];

  static of(d: CellDrillDown, viewer: Role): CellDrillDownView {
    return {
      key: d.cell.key,
      label: d.cell.label,
      unit: d.cell.unit,
      value: d.value,
      activities: d.activities.map((a) => ({ activity: ActivityView.of(a.activity), contributes: a.contributes })),
      requests: d.requests.map((r) => RequestView.of(r, viewer)),
    };
  }
}
