import { DomainError, DomainErrorCode } from '@app/domain';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * @nestjs/throttler's guard, answering as the rest of the API does: 429 with the error code RATE_LIMITED, the
 * seconds to wait in the body and in a plain Retry-After header (the library names it after the limit).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    this.setResponseHeader(context.switchToHttp().getResponse(), 'Retry-After', seconds);
    throw new DomainError(DomainErrorCode.RateLimited, `too many requests; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }
}
