import { DomainError, DomainErrorCode } from '@app/domain';
import { Injectable, PipeTransform } from '@nestjs/common';

export const MIN_YEAR = 1949;
export const MAX_YEAR = 2200;

/**
 * A calendar year in the path: digits only, from MIN_YEAR to MAX_YEAR. Anything else is a 400 naming `year`
 * (2147483648 used to reach Postgres and come back as an integer overflow, a 500).
 */
@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `year must be a four-digit year from ${MIN_YEAR} to ${MAX_YEAR}`,
        { fields: ['year'] },
      );
    }
    return year;
  }
}
