import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationEntity } from './application.entity';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { ObjectionEntity } from './objection.entity';
import { OrganisationEntity } from './organisation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ProgrammeEntity } from './programme.entity';
import {
  DisbursementEntity,
  DisbursementHistoryEntity,
  PaymentInstructionEntity,
  SimulatedBankTransferEntity,
  StatementLineEntity,
  SubsidyPolicyEntity,
} from './subsidy.entity';
import { UserEntity } from './user.entity';

export * from './application-history.entity';
export * from './application.entity';
export * from './calendar.entity';
export * from './evaluator-assignment.entity';
export * from './jurisdiction.entity';
export * from './objection.entity';
export * from './organisation.entity';
export * from './outbox-message.entity';
export * from './programme.entity';
export * from './subsidy.entity';
export * from './user.entity';

export const ENTITIES = [
  JurisdictionEntity,
  OrganisationEntity,
  UserEntity,
  ProgrammeEntity,
  ApplicationEntity,
  ApplicationHistoryEntity,
  EvaluatorAssignmentEntity,
  ObjectionEntity,
  CalendarDayEntity,
  CalendarYearEntity,
  OutboxMessageEntity,
  SubsidyPolicyEntity,
  DisbursementEntity,
  DisbursementHistoryEntity,
  SimulatedBankTransferEntity,
  PaymentInstructionEntity,
  StatementLineEntity,
];
