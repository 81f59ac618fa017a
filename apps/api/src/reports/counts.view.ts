import { AccreditationState, JurisdictionLevel, UnitKind } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

/** Applications of one programme, unit kind, level and state. */
export class CountRowView {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ enum: UnitKind }) unitKind: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: string;
  @ApiProperty({ enum: AccreditationState }) state: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** The dashboard: applications in the caller's jurisdiction, in all, by state and by programme, kind, level, state. */
export class CountsView {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { submitted: 3, designated: 1 } })
  byState: Record<string, number>;
  @ApiProperty({ type: [CountRowView] }) rows: CountRowView[];
}
