import { AccreditationState, JurisdictionLevel, TIMED_STEPS, UnitKind } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class DashboardQuery {
  @ApiPropertyOptional({
    example: '430100',
    description: 'a jurisdiction inside yours (default: yours); 400 naming jurisdictionCode outside it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;
}

/** The jurisdiction a report covers. */
export class ReportJurisdictionView {
  @ApiProperty({ example: '430000' }) code: string;
  @ApiProperty({ example: '湖南省' }) name: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: string;
}

/** A count under one key: a state, a unit kind, a level. */
export class KeyCountView {
  @ApiProperty() key: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** A count under a programme or a jurisdiction, with its name. */
export class NamedCountView {
  @ApiProperty({ description: "the programme's id or the jurisdiction's code" }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** Applications of one jurisdiction, programme, unit kind, level and state. */
export class DashboardCountRowView {
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ enum: UnitKind }) unitKind: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: string;
  @ApiProperty({ enum: AccreditationState }) state: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** One subsidy policy's money: budget, committed (approved entitlements) and paid. */
export class BudgetPolicyView {
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() programmeName: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'false while its terms await approval' }) approved: boolean;
  @ApiProperty({ type: 'integer', description: 'in fen' }) budgetFen: number;
  @ApiProperty({ type: 'integer', description: 'in fen' }) committedFen: number;
  @ApiProperty({ type: 'integer', description: 'in fen' }) paidFen: number;
  @ApiProperty({ example: '500000.00' }) budgetYuan: string;
  @ApiProperty({ example: '50000.00' }) committedYuan: string;
  @ApiProperty({ example: '50000.00' }) paidYuan: string;
}

export class BudgetView {
  @ApiProperty({ type: [BudgetPolicyView] }) policies: BudgetPolicyView[];
  @ApiProperty({ type: 'integer' }) budgetFen: number;
  @ApiProperty({ type: 'integer' }) committedFen: number;
  @ApiProperty({ type: 'integer' }) paidFen: number;
  @ApiProperty() budgetYuan: string;
  @ApiProperty() committedYuan: string;
  @ApiProperty() paidYuan: string;
}

/** Time spent in one step by the stays that ended, in working days, against the step's limit. */
export class StepTimeView {
  @ApiProperty({ enum: Object.keys(TIMED_STEPS) }) step: string;
  @ApiProperty({ type: 'integer', description: 'stays that ended (measured)' }) completed: number;
  @ApiProperty({ type: 'integer', description: 'stays still running' }) running: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'median working days (nearest rank)' })
  medianWorkingDays: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '90th percentile of working days (nearest rank)' })
  p90WorkingDays: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "the step's time limit in working days (null: none, or the programmes measured differ)",
  })
  limitWorkingDays: number | null;
  @ApiProperty({ type: 'integer', description: 'ended stays that left after their due date' }) overLimit: number;
}

/** The dashboard of a level: counts in every breakdown and budget use. */
export class DashboardView {
  @ApiProperty({ type: ReportJurisdictionView }) jurisdiction: ReportJurisdictionView;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: [KeyCountView] }) byState: KeyCountView[];
  @ApiProperty({ type: [NamedCountView] }) byProgramme: NamedCountView[];
  @ApiProperty({ type: [NamedCountView], description: "by the application's own jurisdiction" })
  byJurisdiction: NamedCountView[];
  @ApiProperty({ type: [KeyCountView] }) byUnitKind: KeyCountView[];
  @ApiProperty({ type: [KeyCountView] }) byLevel: KeyCountView[];
  @ApiProperty({ type: [DashboardCountRowView] }) rows: DashboardCountRowView[];
  @ApiProperty({ type: BudgetView }) budget: BudgetView;
}

export class StepTimesQuery extends DashboardQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'stays that entered their step from this day (China time); default: to minus 365 days',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'up to and including this day; default: today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

/** Time in each step (初审, 退回补正, 复核, 验收, 公示期满) over the stays that entered it in the range. */
export class StepTimesView {
  @ApiProperty({ type: ReportJurisdictionView }) jurisdiction: ReportJurisdictionView;
  @ApiProperty({ example: '2025-12-07' }) from: string;
  @ApiProperty({ example: '2026-12-07' }) to: string;
  @ApiProperty({ type: [StepTimeView] }) steps: StepTimeView[];
}
