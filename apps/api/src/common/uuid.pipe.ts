import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A path's id must be a UUID: 400 VALIDATION_FAILED otherwise, in the shape of every other refusal. */
export const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ error: 'VALIDATION_FAILED', message: 'the id in the path must be a UUID' }),
});
