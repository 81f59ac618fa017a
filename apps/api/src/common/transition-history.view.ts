import { ApiProperty } from '@nestjs/swagger';

/** One step of an application's or a disbursement's history, as both answer it: who did what, when, from → to. */
export class TransitionHistoryView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() event: string;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'event facts: materials, scores, objection, notice end, payee, warnings…',
  })
  payload: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;

  static fieldsOf(h: TransitionHistoryView): TransitionHistoryView {
    return {
      version: h.version,
      event: h.event,
      fromState: h.fromState,
      toState: h.toState,
      actorId: h.actorId,
      actorRole: h.actorRole,
      reason: h.reason,
      payload: h.payload,
      at: h.at,
    };
  }
}
