import { DomainErrorCode } from '@app/domain';
import { SetMetadata } from '@nestjs/common';

export const API_ERRORS = 'apiErrors';

/**
 * Error codes a route answers beyond those its shape implies (openapi.document.ts derives 400, 401, 403, 404, 409,
 * 428, 429 from the route's parameters, body, token and limits): e.g. GUARD_FAILED (422) for a rule of the flow.
 */
export const ApiErrors = (...codes: DomainErrorCode[]) => SetMetadata(API_ERRORS, codes);
