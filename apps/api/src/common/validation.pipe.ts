import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { MAX_NESTING_DEPTH, tooDeepUnder } from './nesting-depth.util';

interface Problem {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({
      field,
      message: m.startsWith(e.property) ? `${parent ? parent + '.' : ''}${m}` : `${field}: ${m}`,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Refuses a value nested deeper than MAX_NESTING_DEPTH before class-transformer and class-validator walk it: they
 * recurse, and a JSON body 10,000 levels deep overflowed the stack (a 500). Runs for bodies and queries alike, on
 * both HTTP platforms, since every argument passes through the global pipe.
 */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = tooDeepUnder(value);
    if (field !== null) {
      const name = field || metadata.type;
      throw new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: `${name} is nested more than ${MAX_NESTING_DEPTH} levels deep`,
        fields: [name],
      });
    }
    return super.transform(value, metadata);
  }
}

/**
 * Whitelisting validation: unknown fields are refused, every message names its field, and `fields` lists the
 * fields at fault (as domain validation errors do).
 */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: problems.map((p) => p.message).join('; '),
        fields: [...new Set(problems.map((p) => p.field))],
      });
    },
  });
}
