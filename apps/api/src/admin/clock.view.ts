import { type ClockAdvance, type DemoClockChange, type DemoClockState } from '@app/programmes';
import { ApiProperty } from '@nestjs/swagger';

export class DemoClockChangeView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'real time of the change' }) at: Date;
  @ApiProperty({ example: 'admin' }) actorUsername: string;
  @ApiProperty({ enum: ['advance', 'reset'] }) kind: 'advance' | 'reset';
  @ApiProperty({ example: { workingDays: 2 } }) requested: ClockAdvance;
  @ApiProperty({ description: 'how far the clock moved, in milliseconds' }) deltaMs: number;
  @ApiProperty({ description: 'the offset after the change, in milliseconds' }) offsetMs: number;
  @ApiProperty({ description: 'the demo time right after the change' }) demoTime: Date;
  @ApiProperty() reason: string;

  static of(c: DemoClockChange): DemoClockChangeView {
    return { ...c };
  }
}

/** The demo clock: the time the workflow uses, real time, and the latest moves (newest first). */
export class DemoClockView {
  @ApiProperty({ description: 'the time notice windows, due dates and sweepers use' }) now: Date;
  @ApiProperty() realNow: Date;
  @ApiProperty({ description: 'now - realNow, in milliseconds' }) offsetMs: number;
  @ApiProperty({ type: [DemoClockChangeView] }) changes: DemoClockChangeView[];

  static of(s: DemoClockState): DemoClockView {
    return { now: s.now, realNow: s.realNow, offsetMs: s.offsetMs, changes: s.changes.map(DemoClockChangeView.of) };
  }
}
