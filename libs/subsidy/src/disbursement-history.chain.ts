import { type AggregateChainVerification, type ChainVerification, HistoryChainVerifier } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { DisbursementEntity } from './disbursement.entity';

/**
 * The disbursements' history chains checked (tamper evidence), for no one in particular: the CLI's `verify`. Callers
 * on behalf of a user go through DisbursementQueries.verifyHistory, which first checks that they may read it.
 */
@Injectable()
export class DisbursementHistoryChain {
  private readonly verifier: HistoryChainVerifier<DisbursementEntity, DisbursementHistoryEntity>;

  constructor(private readonly db: DataSource) {
    this.verifier = new HistoryChainVerifier(db, DisbursementEntity, DisbursementHistoryEntity, 'disbursementId');
  }

  /** null when there is no such disbursement */
  verify(id: string): Promise<ChainVerification | null> {
    return this.verifier.verify(this.db.manager, id);
  }

  verifyAll(): AsyncGenerator<AggregateChainVerification> {
    return this.verifier.verifyAll(this.db.manager);
  }
}
