import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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
 * Whitelisting validation: unknown fields are refused, every message names its field, and `fields` lists the
 * fields at fault (as domain validation errors do).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
