import { type AggregateChainVerification, type ChainVerification, HistoryChainVerifier } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationEntity } from './application.entity';

/**
 * The applications' history chains checked (tamper evidence), for no one in particular: the CLI's `verify`. Callers
 * on behalf of a user go through ApplicationQueries.verifyHistory, which first checks that they may read it.
 */
@Injectable()
export class ApplicationHistoryChain {
  private readonly verifier: HistoryChainVerifier<ApplicationEntity, ApplicationHistoryEntity>;

  constructor(private readonly db: DataSource) {
    this.verifier = new HistoryChainVerifier(db, ApplicationEntity, ApplicationHistoryEntity, 'applicationId');
  }

  /** null when there is no such application */
  verify(id: string): Promise<ChainVerification | null> {
    return this.verifier.verify(this.db.manager, id);
  }

  verifyAll(): AsyncGenerator<AggregateChainVerification> {
    return this.verifier.verifyAll(this.db.manager);
  }
}
