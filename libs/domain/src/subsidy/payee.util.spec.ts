import { maskAccountNumber } from './payee.util';

describe('payee records', () => {
  it('masks all but the first and last four digits, hiding the length', () => {
    expect(maskAccountNumber('6222021234560123')).toBe('6222 **** **** 0123');
    expect(maskAccountNumber('3803020109200123456')).toBe('3803 **** **** 3456');
  });
});
