import type {
  PilotCall,
  PilotNoticeResult,
  PilotRankings,
  PilotReportRecord,
  ProvinceRanking,
  RankedApplication,
} from '@app/accreditation';
import type { CompiledRegion, PilotCompilation } from '@app/reports';
import { ApiProperty } from '@nestjs/swagger';

const REPORT_STATUSES = ['pending', 'submitted', 'late', 'missing'];
const RANKING_STATUSES = ['on_time', 'late', 'missing', 'open'];

/** The national pilot programme's call: the provinces' pre-review day and the number of regions to announce. */
export class PilotCallView {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'ranked lists due by the end of this day' })
  preReviewDueOn: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'fewest regions to announce (15); enforced by POST /programmes/:id/pilot-notice',
  })
  minDesignations: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "most regions: the programme's quota (20)" })
  maxDesignations: number | null;
  @ApiProperty({ type: 'integer', description: 'regions designated so far' }) designated: number;
  @ApiProperty({ type: 'integer', description: 'regions announced: on public notice, past it or designated' })
  announced: number;

  static of(c: PilotCall): PilotCallView {
    return { ...c };
  }
}

export class PilotNoticeEntryView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: 'integer', description: 'the version after OPEN_PUBLIC_NOTICE' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) noticeEndsAt: string | null;
}

/** The national list put on public notice. */
export class PilotNoticeView {
  @ApiProperty({ type: PilotCallView }) call: PilotCallView;
  @ApiProperty({ type: 'integer', description: 'regions announced before this list' }) alreadyAnnounced: number;
  @ApiProperty({
    type: 'integer',
    description: 'alreadyAnnounced plus this list: between minDesignations and the quota',
  })
  count: number;
  @ApiProperty({ type: [PilotNoticeEntryView] }) announced: PilotNoticeEntryView[];
  @ApiProperty({ type: [String], description: 'e.g. a notice window counted without an official holiday schedule' })
  warnings: string[];

  static of(r: PilotNoticeResult): PilotNoticeView {
    return { ...r, call: PilotCallView.of(r.call) };
  }
}

export class PilotRankedApplicationView {
  @ApiProperty({ type: 'integer', description: '1 = best' }) rank: number;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty() state: string;
}

/** One province's pre-review: its applications, those it forwarded, and its ranked list's status. */
export class PilotProvinceRankingView {
  @ApiProperty() provinceCode: string;
  @ApiProperty() provinceName: string;
  @ApiProperty({ type: 'integer' }) applications: number;
  @ApiProperty({ type: 'integer', description: 'passed the province’s re-check' }) forwarded: number;
  @ApiProperty({ enum: RANKING_STATUSES, description: 'on_time, late, missing (the day is over), open' })
  status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: [PilotRankedApplicationView], description: 'the submitted list, best first' })
  ranked: PilotRankedApplicationView[];
  @ApiProperty({ type: [PilotRankedApplicationView], description: 'the forwarded applications the list must rank' })
  candidates: PilotRankedApplicationView[];

  static of(p: ProvinceRanking): PilotProvinceRankingView {
    return {
      ...p,
      ranked: p.ranked.map((r: RankedApplication) => ({ ...r })),
      candidates: p.candidates.map((r: RankedApplication) => ({ ...r })),
    };
  }
}

export class PilotRankingsView {
  @ApiProperty({ type: PilotCallView }) call: PilotCallView;
  @ApiProperty({ type: [PilotProvinceRankingView] }) provinces: PilotProvinceRankingView[];

  static of(r: PilotRankings): PilotRankingsView {
    return { call: PilotCallView.of(r.call), provinces: r.provinces.map(PilotProvinceRankingView.of) };
  }
}

/** One semi-annual progress report a pilot region owes. */
export class PilotReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the region’s designation' }) applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() regionName: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty({ example: '2027-H1' }) halfYear: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'flagged overdue (and escalated)' })
  overdueFlaggedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) remindedAt: Date | null;

  static of(r: PilotReportRecord): PilotReportView {
    return {
      id: r.id,
      applicationId: r.applicationId,
      reference: r.reference,
      regionName: r.regionName,
      provinceCode: r.provinceCode,
      halfYear: r.halfYear,
      dueOn: r.dueOn,
      status: r.status,
      summary: r.summary,
      submittedAt: r.submittedAt,
      overdueFlaggedAt: r.overdueFlaggedAt,
      remindedAt: r.remindedAt,
    };
  }
}

export class PilotCompiledRegionView {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() reference: string;
  @ApiProperty() regionName: string;
  @ApiProperty() provinceName: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
}

export class PilotCompilationTotalsView {
  @ApiProperty({ type: 'integer' }) regions: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
  @ApiProperty({ type: 'integer' }) late: number;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ type: 'integer' }) pending: number;
}

/** The semi-annual progress report compiled for a province or the nation. */
export class PilotCompilationView {
  @ApiProperty({ example: '2027-H1' }) halfYear: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: Date;
  @ApiProperty({ type: PilotCompilationTotalsView }) totals: PilotCompilationTotalsView;
  @ApiProperty({ type: [PilotCompiledRegionView] }) regions: PilotCompiledRegionView[];

  static of(c: PilotCompilation): PilotCompilationView {
    return { ...c, totals: { ...c.totals }, regions: c.regions.map((r: CompiledRegion) => ({ ...r })) };
  }
}
