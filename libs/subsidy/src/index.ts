export { SubsidyPolicyEntity } from './subsidy-policy.entity';
export { DisbursementEntity } from './disbursement.entity';
export {
  PaymentFailedError,
  PaymentGateway,
  type PaymentInstruction,
  type PaymentReceipt,
  type PaymentStatus,
} from './payment-gateway';
export { SimulatedBankGateway } from './simulated-bank.gateway';
export { TreasuryInstructionGateway } from './treasury-instruction.gateway';
export type { DisbursementChange } from './disbursement-engine.service';
export { SubsidyEffect } from './subsidy.effect';
export { ApproveDisbursementUseCase, type BulkItem } from './approve-disbursement.usecase';
export { ChangeBankAccountUseCase } from './change-bank-account.usecase';
export { PayDisbursementUseCase } from './pay-disbursement.usecase';
export { ReconcileStatementUseCase } from './reconcile-statement.usecase';
export { RearmPaymentsUseCase } from './rearm-payments.usecase';
export { ResolvePaymentUseCase } from './resolve-payment.usecase';
export { type StuckCause, type StuckPayment, StuckPaymentsQueries } from './stuck-payments.queries';
export { DisbursementQueries, type DisbursementExportRow } from './disbursement.queries';
export { DisbursementHistoryChain } from './disbursement-history.chain';
export { SUBSIDY_ENTITIES, SubsidyModule } from './subsidy.module';
export {
  type CreateSubsidyPolicyInput,
  type SubsidyPolicy,
  type SubsidyPolicyChange,
  type SubsidyPolicyHistory,
  SubsidyPolicyUseCase,
} from './subsidy-policy.usecase';
export { canSeeDisbursement, disbursementVisibility } from './disbursement-visibility.util';
