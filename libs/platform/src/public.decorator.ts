import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** No sign-in needed; a valid token is still read when present. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
