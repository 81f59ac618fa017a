import { DomainErrorCode } from '@app/domain';
import { expectedVersion } from './version.util';

describe('expectedVersion', () => {
  it('prefers the body field, then If-Match in its usual spellings', () => {
    expect(expectedVersion(4, '"9"')).toBe(4);
    expect(expectedVersion(undefined, '"3"')).toBe(3);
    expect(expectedVersion(undefined, 'W/"3"')).toBe(3);
    expect(expectedVersion(undefined, '7')).toBe(7);
    expect(expectedVersion(undefined, undefined)).toBeNull();
  });

  it('refuses an If-Match that is not a version', () => {
    expect(() => expectedVersion(undefined, '"abc"')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.ValidationFailed }),
    );
  });
});
