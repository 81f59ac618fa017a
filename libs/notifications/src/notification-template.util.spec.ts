import { NotificationKind } from './notification-kinds';
import { chinaTime, emailText, renderNotification } from './notification-template.util';

const base = {
  reference: 'QDFTZ-2026-0007',
  title: '青岛海湾精密机械 示范企业申报',
  url: 'https://x.test/applications/a1',
};

describe('renderNotification', () => {
  it('tells the applicant of a designation in Chinese, with the reference, the title and the link', () => {
    const r = renderNotification(NotificationKind.ApplicationDecision, { ...base, event: 'DESIGNATE' });
    expect(r.subject).toBe('【申请进展】QDFTZ-2026-0007 已被认定为商业秘密保护示范单位');
    expect(r.text).toContain('“青岛海湾精密机械 示范企业申报”（QDFTZ-2026-0007）');
    expect(r.text).toContain('查看详情：https://x.test/applications/a1');
  });

  it('gives the reason of a return or a rejection', () => {
    const r = renderNotification(NotificationKind.ApplicationDecision, {
      ...base,
      event: 'REQUEST_REVISION',
      reason: '缺少培训记录',
    });
    expect(r.subject).toContain('被退回补正');
    expect(r.text).toContain('理由：缺少培训记录');
  });

  it('states an objection ruling without anything of the objector', () => {
    const upheld = renderNotification(NotificationKind.ApplicationDecision, {
      ...base,
      event: 'RULE_OBJECTION',
      decision: 'upheld',
    });
    expect(upheld.text).toContain('异议成立，不予认定');
    const dismissed = renderNotification(NotificationKind.ApplicationDecision, {
      ...base,
      event: 'RULE_OBJECTION',
      decision: 'dismissed',
    });
    expect(dismissed.text).toContain('异议不成立');
  });

  it('tells regulators of an objection without the objector', () => {
    const r = renderNotification(NotificationKind.ObjectionFiled, base);
    expect(r.subject).toBe('【异议】QDFTZ-2026-0007 公示期收到异议');
    expect(r.text).toContain('请及时核实并作出裁决');
  });

  it('gives the objector a receipt with the time of filing in China time', () => {
    const r = renderNotification(NotificationKind.ObjectionReceipt, {
      ...base,
      filedAt: new Date('2026-12-08T01:30:00Z'),
    });
    expect(r.subject).toBe('【异议回执】QDFTZ-2026-0007 您的异议已收到');
    expect(r.text).toContain('2026-12-08 09:30');
  });

  it('invites an evaluator and reminds them to declare a conflict', () => {
    const r = renderNotification(NotificationKind.EvaluatorInvited, base);
    expect(r.subject).toContain('评审邀请');
    expect(r.text).toContain('申明回避');
  });

  it('names the amount of a payment for finance and for the applicant', () => {
    const finance = renderNotification(NotificationKind.PaymentDecisionNeeded, {
      ...base,
      event: 'ENTITLE',
      amountYuan: '50000.00',
    });
    expect(finance.subject).toBe('【待办】QDFTZ-2026-0007 补贴拨付已生成，待经办核对');
    expect(finance.text).toContain('50000.00元');
    const paid = renderNotification(NotificationKind.PaymentUpdate, {
      ...base,
      event: 'PAYMENT_SUCCEEDED',
      amountYuan: '50000.00',
    });
    expect(paid.text).toContain('补贴（50000.00元）补贴已支付');
  });

  it('reminds of a due date and escalates an overdue item naming the jurisdiction', () => {
    const dueAt = new Date('2026-12-10T16:00:00Z'); // 2026-12-11 00:00 in China
    const reminder = renderNotification(NotificationKind.DeadlineReminder, { ...base, dueAt, action: '作出认定决定' });
    expect(reminder.subject).toBe('【到期提醒】QDFTZ-2026-0007 请于2026-12-11 00:00前作出认定决定');
    const escalation = renderNotification(NotificationKind.DeadlineEscalation, {
      ...base,
      dueAt,
      action: '作出认定决定',
      jurisdictionName: '青岛自贸片区',
    });
    expect(escalation.subject).toContain('逾期督办');
    expect(escalation.text).toContain('青岛自贸片区办理的申请');
  });

  it('tells an enterprise its request was answered (not the bureau’s answer) or closed with its feedback', () => {
    const request = { reference: '', title: '竞业限制协议如何约定', url: 'https://x.test/my-requests' };
    const filedAt = new Date('2026-12-01T02:00:00Z');
    const answered = renderNotification(NotificationKind.RequestFeedback, {
      ...request,
      event: 'answer',
      filedAt,
    });
    expect(answered.subject).toBe('【诉求答复】竞业限制协议如何约定');
    expect(answered.text).toContain('于2026-12-01 10:00提出的诉求“竞业限制协议如何约定”已由监管部门受理答复');
    const closed = renderNotification(NotificationKind.RequestFeedback, {
      ...request,
      event: 'close',
      reason: '已上门指导并完成整改。',
    });
    expect(closed.subject).toBe('【诉求办结】竞业限制协议如何约定');
    expect(closed.text).toContain('办理反馈：已上门指导并完成整改。');
    expect(closed.text).toContain('查看详情：https://x.test/my-requests');
  });

  it('renders every kind (no kind falls through the switch)', () => {
    for (const kind of Object.values(NotificationKind)) {
      const r = renderNotification(kind, { ...base, event: 'SUBMIT' });
      expect(r.subject.length).toBeGreaterThan(5);
      expect(r.text).toContain(base.url);
    }
  });
});

describe('emailText and chinaTime', () => {
  it('signs the e-mail and shows instants at UTC+8', () => {
    expect(emailText('正文')).toMatch(/^正文\n\n此邮件由.*自动发送/);
    expect(chinaTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
  });
});
