import { redactUrl } from './log-redaction.util';

describe('redactUrl', () => {
  it('replaces the values of credential parameters and keeps the rest', () => {
    expect(redactUrl('/admin/queues?ticket=abc.def&x=1')).toBe('/admin/queues?ticket=[Redacted]&x=1');
    expect(redactUrl('/admin/queues?token=eyJhbGciOi.x.y')).toBe('/admin/queues?token=[Redacted]');
    expect(redactUrl('/a?page=2&access_token=s3cret&refreshToken=r&Password=p&apiKey=k')).toBe(
      '/a?page=2&access_token=[Redacted]&refreshToken=[Redacted]&Password=[Redacted]&apiKey=[Redacted]',
    );
  });

  it('finds names hidden by escapes, repeated or malformed', () => {
    expect(redactUrl('/a?%74oken=s3cret&token=again&%zz=1')).toBe('/a?%74oken=[Redacted]&token=[Redacted]&%zz=1');
  });

  it('leaves a URL without a query, or without such parameters, as it is', () => {
    expect(redactUrl('/applications/1')).toBe('/applications/1');
    expect(redactUrl('/applications?state=draft&page=1')).toBe('/applications?state=draft&page=1');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
