import { AccreditationState, JurisdictionLevel, ReportStatus, RiskTier, UnitKind } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ReportJurisdictionView } from '../reports/dashboard.view';

/** One enterprise of a city's directory. */
export class DirectoryEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the city whose directory holds it' }) jurisdictionCode: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'its registered organisation, if any' })
  organisationId: string | null;
  @ApiProperty() industry: string;
  @ApiProperty() needs: string;
  @ApiProperty({ enum: RiskTier }) riskTier: string;
  @ApiProperty({ example: '2026-11-20' }) assessedOn: string;
  @ApiProperty() assessmentBasis: string;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiProperty({ type: 'integer', description: 'send it back with the next change' }) version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;

  /** the entry's own fields only (an entity carries more) */
  static of(e: DirectoryEntryView): DirectoryEntryView {
    return {
      id: e.id,
      jurisdictionCode: e.jurisdictionCode,
      name: e.name,
      creditCode: e.creditCode,
      organisationId: e.organisationId,
      industry: e.industry,
      needs: e.needs,
      riskTier: e.riskTier,
      assessedOn: e.assessedOn,
      assessmentBasis: e.assessmentBasis,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
      version: e.version,
      updatedAt: e.updatedAt,
    };
  }
}

export class DirectoryPageView {
  @ApiProperty({ type: [DirectoryEntryView], description: 'by city, then name' }) items: DirectoryEntryView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty() totalIsExact: boolean;
}

export class RiskTierCountsView {
  @ApiProperty({ type: 'integer' }) high: number;
  @ApiProperty({ type: 'integer' }) medium: number;
  @ApiProperty({ type: 'integer' }) low: number;
}

export class IndustryCountView {
  @ApiProperty() industry: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class CityDirectoryView {
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: RiskTierCountsView }) byTier: RiskTierCountsView;
}

/** The directory of a jurisdiction added up (the province's: all its cities). */
export class DirectorySummaryView {
  @ApiProperty({ type: ReportJurisdictionView }) jurisdiction: ReportJurisdictionView;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: RiskTierCountsView }) byTier: RiskTierCountsView;
  @ApiProperty({ type: [IndustryCountView] }) byIndustry: IndustryCountView[];
  @ApiProperty({ type: [CityDirectoryView] }) byCity: CityDirectoryView[];
}

/** One application of the enterprise, at any level. */
export class DemonstrationRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: AccreditationState }) state: string;
  @ApiProperty({ enum: UnitKind }) unitKind: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() programmeCode: string;
  @ApiProperty() programmeName: string;
  @ApiProperty({ type: 'integer' }) programmeYear: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) designatedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '2029-12-31' }) validUntil: string | null;
}

/** An enterprise of the directory with its demonstration history (示范创建历程). */
export class EnterpriseHistoryView {
  @ApiProperty({ type: DirectoryEntryView }) entry: DirectoryEntryView;
  @ApiProperty({ type: [DemonstrationRecordView], description: 'oldest first; the ones you may see' })
  applications: DemonstrationRecordView[];
}

/** A city's report of its directory for one period, as submitted. */
export class DirectoryReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ example: '2027-01-15' }) dueOn: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ type: 'integer' }) entryCount: number;
  @ApiProperty({ enum: [ReportStatus.Submitted, ReportStatus.SubmittedLate] }) status: string;

  static of(
    r: Omit<DirectoryReportView, 'submittedAt' | 'entryCount' | 'status'> & {
      submittedAt: Date | null;
      entryCount: number | null;
    },
    status: ReportStatus,
  ): DirectoryReportView {
    return {
      id: r.id,
      jurisdictionCode: r.jurisdictionCode,
      period: r.period,
      dueOn: r.dueOn,
      submittedAt: r.submittedAt!,
      entryCount: r.entryCount ?? 0,
      status,
    };
  }
}

/** One city's report for the period, as the province sees it. */
export class CityReportView {
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ReportStatus, description: 'open, submitted (on time), submitted_late, overdue' })
  status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'who submitted it' }) submittedBy: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'entries in the report' }) entryCount: number | null;
  @ApiProperty({ type: 'integer', description: 'entries in the directory now' }) currentEntryCount: number;
}

/** The cities' reports for one period. */
export class DirectoryReportsView {
  @ApiProperty({ example: 'quarterly' }) cadence: string;
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ example: '2026-10-01' }) start: string;
  @ApiProperty({ example: '2026-12-31' }) end: string;
  @ApiProperty({ example: '2027-01-15' }) dueOn: string;
  @ApiProperty({ type: [CityReportView] }) cities: CityReportView[];
}
