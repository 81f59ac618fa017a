import { EnvironmentVariables } from '@app/config';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { ApproveDisbursementUseCase } from './approve-disbursement.usecase';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementQueries } from './disbursement.queries';
import { PayDisbursementUseCase } from './pay-disbursement.usecase';
import { PaymentGateway } from './payment-gateway';
import { ReconcileStatementUseCase } from './reconcile-statement.usecase';
import { RearmPaymentsUseCase } from './rearm-payments.usecase';
import { SimulatedBankGateway } from './simulated-bank.gateway';
import { SubsidyEffect } from './subsidy.effect';
import { TreasuryInstructionGateway } from './treasury-instruction.gateway';

/**
 * Subsidy entitlements, approvals, payment and reconciliation. Part of WorkflowModule, so every process that
 * can designate also creates the entitlement.
 */
export const SUBSIDY_PROVIDERS = [
    DisbursementEngine,
    SubsidyEffect,
    ApproveDisbursementUseCase,
    PayDisbursementUseCase,
    ReconcileStatementUseCase,
    DisbursementQueries,
    RearmPaymentsUseCase,
    {
      provide: PaymentGateway,
      inject: [DataSource, ConfigService],
      useFactory: (db: DataSource, config: ConfigService<EnvironmentVariables, true>) =>
        config.get('PAYMENT_GATEWAY', { infer: true }) === 'treasury' ? new TreasuryInstructionGateway(db, config) : new SimulatedBankGateway(db, config),
    },
];
