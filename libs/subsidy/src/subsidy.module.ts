import { WorklistModule } from '@app/worklist';
import { DisbursementWorkItems } from './disbursement-work-items';
import { EnvironmentVariables } from '@app/config';
import { IdentityModule } from '@app/identity';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { ApproveDisbursementUseCase } from './approve-disbursement.usecase';
import { ChangeBankAccountUseCase } from './change-bank-account.usecase';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementHistoryChain } from './disbursement-history.chain';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { DisbursementEntity } from './disbursement.entity';
import { DisbursementQueries } from './disbursement.queries';
import { PayDisbursementUseCase } from './pay-disbursement.usecase';
import { PaymentGateway } from './payment-gateway';
import { PaymentInstructionEntity } from './payment-instruction.entity';
import { ReconcileStatementUseCase } from './reconcile-statement.usecase';
import { RearmPaymentsUseCase } from './rearm-payments.usecase';
import { ResolvePaymentUseCase } from './resolve-payment.usecase';
import { SimulatedBankTransferEntity } from './simulated-bank-transfer.entity';
import { SimulatedBankGateway } from './simulated-bank.gateway';
import { StatementLineEntity } from './statement-line.entity';
import { StuckPaymentsQueries } from './stuck-payments.queries';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';
import { SubsidyPolicyHistoryEntity } from './subsidy-policy-history.entity';
import { SubsidyEffect } from './subsidy.effect';
import { SubsidyPolicyUseCase } from './subsidy-policy.usecase';
import { TreasuryInstructionGateway } from './treasury-instruction.gateway';

/** The tables of this context; PersistenceModule registers every context's list. */
export const SUBSIDY_ENTITIES = [
  SubsidyPolicyEntity,
  SubsidyPolicyHistoryEntity,
  DisbursementEntity,
  DisbursementHistoryEntity,
  SimulatedBankTransferEntity,
  PaymentInstructionEntity,
  StatementLineEntity,
];

/** What other contexts and the apps may use: the effect the engine runs, the use cases and the queries. */
const PUBLIC_PROVIDERS = [
  SubsidyEffect,
  ApproveDisbursementUseCase,
  PayDisbursementUseCase,
  ReconcileStatementUseCase,
  DisbursementQueries,
  RearmPaymentsUseCase,
  SubsidyPolicyUseCase,
  ChangeBankAccountUseCase,
  ResolvePaymentUseCase,
  StuckPaymentsQueries,
  DisbursementHistoryChain,
];

/**
 * Subsidy entitlements, approvals, payment and reconciliation; needs PersistenceModule's DataSource and a Clock
 * (ClockModule). Exports SubsidyEffect, which the composition gives to the accreditation engine
 * (libs/contexts/src/contexts.module.ts), so every process that can designate also creates the entitlement.
 */
@Module({
  imports: [QueueModule, IdentityModule, WorklistModule],
  providers: [
    DisbursementEngine,
    DisbursementWorkItems,
    ...PUBLIC_PROVIDERS,
    {
      provide: PaymentGateway,
      inject: [DataSource, ConfigService],
      useFactory: (db: DataSource, config: ConfigService<EnvironmentVariables, true>) =>
        config.get('PAYMENT_GATEWAY', { infer: true }) === 'treasury'
          ? new TreasuryInstructionGateway(db, config)
          : new SimulatedBankGateway(db, config),
    },
  ],
  exports: PUBLIC_PROVIDERS,
})
export class SubsidyModule {}
