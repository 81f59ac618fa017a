import { type ClockAdvance, type DemoClockChange, type DemoClockState } from '@app/programmes';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How far an advance asked the clock to move (the fields it was given). */
export class ClockAdvanceView {
  @ApiPropertyOptional({ type: 'integer' }) workingDays?: number;
  @ApiPropertyOptional({ type: 'integer' }) days?: number;
  @ApiPropertyOptional({ type: 'integer' }) hours?: number;
  @ApiPropertyOptional({ type: 'integer' }) minutes?: number;
}

export class DemoClockChangeView {
  @ApiProperty({ pattern: '^[0-9]+$', example: '42', description: 'the row number (a bigint, as a string)' })
  id: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'real time of the change' }) at: Date;
  @ApiProperty({ example: 'admin' }) actorUsername: string;
  @ApiProperty({ enum: ['advance', 'reset'] }) kind: 'advance' | 'reset';
  @ApiProperty({ type: ClockAdvanceView, example: { workingDays: 2 } }) requested: ClockAdvance;
  @ApiProperty({ type: 'integer', description: 'how far the clock moved, in milliseconds' }) deltaMs: number;
  @ApiProperty({ type: 'integer', description: 'the offset after the change, in milliseconds' }) offsetMs: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'the demo time right after the change' })
  demoTime: Date;
  @ApiProperty() reason: string;

  static of(c: DemoClockChange): DemoClockChangeView {
    return { ...c };
  }
}

/** The demo clock: the time the workflow uses, real time, and the latest moves (newest first). */
export class DemoClockView {
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'the time notice windows, due dates and sweepers use',
  })
  now: Date;
  @ApiProperty({ type: String, format: 'date-time' }) realNow: Date;
  @ApiProperty({ type: 'integer', description: 'now - realNow, in milliseconds' }) offsetMs: number;
  @ApiProperty({ type: [DemoClockChangeView] }) changes: DemoClockChangeView[];

  static of(s: DemoClockState): DemoClockView {
    return { now: s.now, realNow: s.realNow, offsetMs: s.offsetMs, changes: s.changes.map(DemoClockChangeView.of) };
  }
}
