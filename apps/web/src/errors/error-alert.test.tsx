import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { LocaleProvider } from '../i18n/locale';
import { ErrorAlert } from './error-alert';
import { describeError, fieldErrors } from './error-messages';

const renderAlert = (error: unknown) =>
  render(
    <LocaleProvider>
      <ErrorAlert error={error} />
    </LocaleProvider>,
  );

describe('ErrorAlert', () => {
  it('shows nothing without an error', () => {
    const { container } = renderAlert(null);
    expect(container.textContent).toBe('');
  });

  it('says a refused step in Chinese with the steps allowed now, never the raw body', () => {
    const error = ApiError.from(409, {
      error: 'EVENT_NOT_ALLOWED',
      message: 'DESIGNATE is not allowed in public_notice',
      state: 'public_notice',
      allowedEvents: ['RULE_OBJECTION', 'REJECT', 'WITHDRAW'],
    });
    renderAlert(error);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('当前状态下不能执行此操作');
    expect(alert.textContent).toContain('当前可执行：异议裁定、不予认定、撤回申请');
    expect(alert.textContent).not.toContain('DESIGNATE is not allowed');
    expect(alert.textContent).not.toContain('{');
  });

  it('names the fields at fault in Chinese', () => {
    const error = ApiError.from(400, {
      error: 'VALIDATION_FAILED',
      message: 'creditCode: check character should be 3',
      fields: ['creditCode', 'contact.phone'],
    });
    renderAlert(error);
    expect(screen.getByRole('alert').textContent).toContain('有误的字段：统一社会信用代码、联系电话');
  });

  it('shows the error id of an internal error, and a code it does not know by its code', () => {
    renderAlert(ApiError.from(500, { error: 'INTERNAL', message: 'internal error', errorId: 'e-123' }));
    expect(screen.getByRole('alert').textContent).toContain('错误编号：e-123');
    expect(describeError(ApiError.from(418, { error: 'TEAPOT' }), 'zh').title).toBe('操作失败（TEAPOT）');
  });

  it('says why an expert picked by hand must be avoided, each rule in Chinese', () => {
    const error = ApiError.from(422, {
      error: 'NOT_ELIGIBLE',
      message: 'qd-evaluator-5 must be avoided for this application: same_organisation, worked_with_applicant',
      rule: 'avoidance',
      rules: ['same_organisation', 'worked_with_applicant'],
      fields: ['evaluatorId'],
    });
    renderAlert(error);
    const text = screen.getByRole('alert').textContent;
    expect(text).toContain('不符合资格条件');
    expect(text).toContain('该专家须回避');
    expect(text).toContain('回避原因：与申请单位同单位、近期曾评审该单位');
    expect(text).not.toContain('must be avoided');
    const pool = ApiError.from(422, { error: 'NOT_ELIGIBLE', rule: 'expert_pool', fields: ['evaluatorId'] });
    expect(describeError(pool, 'zh').detail).toContain('该专家不在本项目的专家库中');
  });

  it('says a failed network in Chinese', () => {
    renderAlert(new TypeError('Failed to fetch'));
    expect(screen.getByRole('alert').textContent).toContain('无法连接服务器');
  });
});

describe('fieldErrors', () => {
  it('puts each field the API names next to that field of the form, and only fields the form has', () => {
    const error = ApiError.from(409, { error: 'ALREADY_EXISTS', message: 'taken', fields: ['creditCode', 'other'] });
    expect(fieldErrors(error, 'zh', ['creditCode', 'name'])).toEqual([
      { name: ['creditCode'], errors: ['该统一社会信用代码已注册'] },
    ]);
    const nested = ApiError.from(400, { error: 'VALIDATION_FAILED', fields: ['user.password'] });
    expect(fieldErrors(nested, 'en', ['user.password'])).toEqual([
      { name: ['user', 'password'], errors: ['Password is not valid'] },
    ]);
  });
});
