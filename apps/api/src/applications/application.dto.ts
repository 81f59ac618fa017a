import { BULK_RULING_LIMIT } from '@app/accreditation';
import {
  AccreditationEventType,
  AccreditationState,
  CLIENT_EVENT_TYPES,
  JurisdictionLevel,
  type ObjectionDecision,
  UnitKind,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageParam, PageSizeParam } from '../common/paging.dto';
import { TransitionHistoryView } from '../common/transition-history.view';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class MaterialDto {
  @ApiProperty({
    example: 'protection_system',
    description: "material key as listed in the programme's requiredMaterials",
  })
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'key must be snake_case, e.g. protection_system' })
  key: string;

  @ApiProperty({ example: '商业秘密保护制度汇编' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'docstore://2026/qd/protection-system.pdf', description: 'where the document is kept' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reference: string;
}

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programmeId: string;

  @ApiProperty({ example: '青岛海湾精密机械有限公司 商业秘密保护示范点申报' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [MaterialDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    type: [String],
    description: 'demonstration bases only: the designated stations it is built on',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  stationIds?: string[];
}

export class UpdateMaterialsDto {
  @ApiProperty({ type: [MaterialDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];

  @ApiPropertyOptional({ type: 'integer', description: 'the version you last read (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** UPDATE_MATERIALS has an endpoint of its own (PUT /applications/:id/materials) */
const CLIENT_EVENTS = [...CLIENT_EVENT_TYPES];

export class FireEventDto {
  @ApiProperty({ enum: CLIENT_EVENTS, example: 'SUBMIT' })
  @IsIn(CLIENT_EVENTS, { message: `type must be one of: ${CLIENT_EVENTS.join(', ')}` })
  type: AccreditationEventType;

  @ApiPropertyOptional({ type: 'integer', description: 'the version you last read (or send If-Match); required' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    description: 'required for REQUEST_REVISION, REJECT, REVOKE, DECLARE_CONFLICT, RULE_OBJECTION',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'a remark kept on the record' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'ASSIGN_EVALUATOR' })
  @IsOptional()
  @IsUUID()
  evaluatorId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { system_completeness: 88, staff_awareness: 80, results: 78 },
    description: 'SUBMIT_SCORE: one whole number per rubric dimension',
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, number>;

  @ApiPropertyOptional({ format: 'uuid', description: 'RULE_OBJECTION' })
  @IsOptional()
  @IsUUID()
  objectionId?: string;

  @ApiPropertyOptional({ enum: ['upheld', 'dismissed'], description: 'RULE_OBJECTION' })
  @IsOptional()
  @IsIn(['upheld', 'dismissed'])
  decision?: ObjectionDecision;

  @ApiPropertyOptional({
    example: '青自贸市监罚〔2026〕12号',
    description: "REVOKE: the administrative penalty decision's reference (行政处罚决定书文号)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  penaltyReference?: string;

  @ApiPropertyOptional({
    example: 'https://www.gsxt.gov.cn/ 行政处罚信息 青自贸市监罚〔2026〕12号',
    description:
      "REVOKE: the penalty's publication in the credit system (国家企业信用信息公示系统), a record number or URL; needs penaltyReference",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  creditPublication?: string;
}

export class RecordReinspectionDto {
  @ApiProperty({ enum: ['passed', 'failed'], description: 'the outcome of the yearly re-inspection (回访/巡查)' })
  @IsIn(['passed', 'failed'], { message: 'outcome must be one of: passed, failed' })
  outcome: 'passed' | 'failed';

  @ApiPropertyOptional({
    example: '保密制度未落实，涉密人员未签订保密协议',
    description: 'what the inspectors found; required when the outcome is failed (it ends the title)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  findings?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'the version of the application you last read (or send If-Match); required',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: AccreditationState })
  @IsOptional()
  @IsIn(Object.values(AccreditationState))
  state?: AccreditationState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ example: '370211-FTZ', description: 'this jurisdiction and everything below it' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ enum: UnitKind })
  @IsOptional()
  @IsIn(Object.values(UnitKind))
  unitKind?: UnitKind;

  @ApiPropertyOptional({ enum: JurisdictionLevel })
  @IsOptional()
  @IsIn(Object.values(JurisdictionLevel))
  level?: JurisdictionLevel;

  @PageParam()
  page = 1;

  @PageSizeParam(100, 20)
  pageSize = 20;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty() title: string;
  @ApiProperty({ enum: AccreditationState }) state: AccreditationState;
  @ApiProperty({ type: 'integer', description: 'send it back as `version` or If-Match with the next change' })
  version: number;
  @ApiProperty({ type: [MaterialDto] }) materials: MaterialDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) noticeEndsAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'a returned application lapses at this instant unless resubmitted (the programme’s working days)',
  })
  revisionDueAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) designatedAt: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recommendedFromId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  /** Copies the view's fields from an application record (which has more). */
  static of(a: ApplicationView): ApplicationView {
    return {
      id: a.id,
      reference: a.reference,
      programmeId: a.programmeId,
      organisationId: a.organisationId,
      jurisdictionCode: a.jurisdictionCode,
      unitKind: a.unitKind,
      level: a.level,
      title: a.title,
      state: a.state,
      version: a.version,
      materials: a.materials,
      submittedAt: a.submittedAt ?? null, // a record just created has no column value yet
      noticeEndsAt: a.noticeEndsAt ?? null,
      revisionDueAt: a.revisionDueAt ?? null,
      designatedAt: a.designatedAt ?? null,
      validUntil: a.validUntil ?? null,
      recommendedFromId: a.recommendedFromId ?? null,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  }
}

/** A station a demonstration base is built on. */
export class BaseStationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: JurisdictionLevel, description: 'the level the station is designated at' })
  level: JurisdictionLevel;
  @ApiProperty({ enum: AccreditationState }) state: AccreditationState;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the last day of its title' }) validUntil:
    string | null;
}

/** The other end of a recommendation link. */
export class LinkedApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() programmeCode: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty({ description: "the programme's bureau" }) jurisdictionCode: string;
  @ApiProperty({ enum: AccreditationState }) state: AccreditationState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) designatedAt: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
}

/** The lower designation an application was recommended from, with the lower panel's scores (read-only). */
export class RecommendedFromView extends LinkedApplicationView {
  @ApiProperty({ type: String, nullable: true, description: 'the lower panel’s aggregate on its own rubric' })
  aggregateScore: string | null;
  @ApiProperty({ type: 'integer', description: 'the lower programme’s pass mark' }) passMark: number;
  @ApiProperty({ type: [String], description: 'each lower panel member’s weighted score, without names' })
  panelScores: string[];
}

export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ enum: CLIENT_EVENTS, isArray: true, description: 'events you may send in this state' })
  allowedEvents: AccreditationEventType[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'panel size, rubric and required materials this application is judged by',
  })
  rules: unknown;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the panel\'s aggregate (mean weighted score), e.g. "82.40": for the programme\'s regulators as scores come in, for everyone else who may see the application once the public notice has opened',
  })
  aggregateScore: string | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'whether the aggregate meets the pass mark (rules.rubric.passMark); null while aggregateScore is',
  })
  passed: boolean | null;

  @ApiProperty({ type: String, nullable: true }) lastReason: string | null;

  @ApiProperty({ type: [BaseStationView], description: 'a demonstration base: the stations it is built on' })
  stations: BaseStationView[];
  @ApiProperty({
    type: RecommendedFromView,
    nullable: true,
    description: 'recommended by the level below: the designation it was recommended from (推荐来源)',
  })
  recommendedFrom: RecommendedFromView | null;

  @ApiProperty({
    type: [LinkedApplicationView],
    description: 'a designation recommended upward: the applications it opened at the levels above',
  })
  recommendedTo: LinkedApplicationView[];
}

export class ApplicationPage {
  @ApiProperty({ type: [ApplicationView] }) items: ApplicationView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({
    type: 'integer',
    description: 'how many applications match, counted up to 1,000 (exact numbers by state: GET /reports/counts)',
  })
  total: number;
  @ApiProperty({ description: 'false when more than 1,000 match; total is then 1000' }) totalIsExact: boolean;
}

/** One step of the application's history, as the reader may see it. */
export class HistoryView extends TransitionHistoryView {
  @ApiPropertyOptional({
    type: [String],
    description:
      'fields of this step withheld from you (e.g. "payload.scores", "reason", "actorId"); absent when none is',
  })
  withheld?: string[];

  static of(h: TransitionHistoryView & { withheld: string[] }): HistoryView {
    const view: HistoryView = TransitionHistoryView.fieldsOf(h);
    if (h.withheld.length > 0) view.withheld = h.withheld;
    return view;
  }
}

export class BulkRulingView {
  @ApiProperty({ type: ApplicationView, description: 'the application after the last ruling' })
  application: ApplicationView;
  @ApiProperty({ type: () => [HistoryView], description: 'the history row of each ruling, in order' })
  history: HistoryView[];
}

export class TransitionResultView {
  @ApiProperty({ type: ApplicationView }) application: ApplicationView;
  @ApiProperty({ type: () => HistoryView, description: 'the history row this event wrote' }) history: HistoryView;
  @ApiProperty({ type: [String] }) warnings: string[];
}

export class AssignEvaluatorDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() evaluatorId: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class SubmitScoresDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { system_completeness: 88, staff_awareness: 80, results: 78 },
  })
  @IsObject()
  scores: Record<string, number>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class DeclareConflictDto {
  @ApiProperty({ example: '曾任申报单位技术顾问' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class FileObjectionDto {
  @ApiProperty({ description: 'what is objected to' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
  @ApiProperty({
    example: '13800000000',
    description: 'a phone number (mobile or landline with area code) or an e-mail address, for the reply',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  filerContact: string;
  @ApiPropertyOptional({ description: 'who objects: a name, an organisation, or both' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  filerName?: string;
  @ApiPropertyOptional({ description: 'the organisation objecting (instead of or besides a name)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  filerOrganisation?: string;
}

export class BulkRulingDto {
  @ApiProperty({
    format: 'uuid',
    type: [String],
    description: `the objections to rule on, in order (1 to ${BULK_RULING_LIMIT}); an upheld ruling names one`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_RULING_LIMIT)
  @IsUUID('all', { each: true })
  objectionIds: string[];
  @ApiProperty({ enum: ['upheld', 'dismissed'] }) @IsIn(['upheld', 'dismissed']) decision: ObjectionDecision;
  @ApiProperty({ description: 'the ruling, recorded on each objection' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class RuleObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] }) @IsIn(['upheld', 'dismissed']) decision: ObjectionDecision;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) version?: number;
}
