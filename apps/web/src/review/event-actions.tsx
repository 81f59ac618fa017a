import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { APPLICATION_EVENTS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

type Detail = components['schemas']['ApplicationDetailView'];
type EventType = Detail['allowedEvents'][number];

/** What each event asks for before it is sent. Scoring and rulings have forms of their own on the page. */
const NEEDS_REASON: EventType[] = ['REQUEST_REVISION', 'REJECT', 'REVOKE', 'DECLARE_CONFLICT'];
// the panel is drawn and invited on the expert panel's card (see expert-draw-panel.tsx); lapse and expiry are the
// sweeper's
const ELSEWHERE: EventType[] = [
  'SUBMIT_SCORE',
  'RULE_OBJECTION',
  'CLOSE_NOTICE',
  'ASSIGN_EVALUATOR',
  'LAPSE',
  'EXPIRE',
];
const DANGEROUS: EventType[] = ['REJECT', 'REVOKE', 'WITHDRAW', 'REQUEST_REVISION'];
/** Steps that move the application on: the primary buttons. */
const FORWARD: EventType[] = [
  'SUBMIT',
  'RESUBMIT',
  'PASS_PRELIMINARY',
  'PASS_RECHECK',
  'OPEN_PUBLIC_NOTICE',
  'DESIGNATE',
];

/** The events the user may send now, each a button opening the form it needs (a reason, an evaluator, a remark). */
export function EventActions({ application }: { application: Detail }) {
  const t = useT();
  const [open, setOpen] = useState<EventType | null>(null);
  const events = application.allowedEvents.filter((e) => !ELSEWHERE.includes(e));
  if (events.length === 0) return null;
  return (
    <>
      <Space wrap>
        {events.map((e) => (
          <Button
            key={e}
            type={FORWARD.includes(e) ? 'primary' : 'default'}
            danger={DANGEROUS.includes(e)}
            onClick={() => setOpen(e)}
          >
            {t.term(APPLICATION_EVENTS, e)}
          </Button>
        ))}
      </Space>
      {open ? <EventDialog application={application} event={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

interface Values {
  reason?: string;
  comment?: string;
  evaluatorId?: string;
  penaltyReference?: string;
  creditPublication?: string;
}

function EventDialog({ application, event, onClose }: { application: Detail; event: EventType; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const id = application.id;
  const version = application.version;
  const experts = useQuery({
    queryKey: ['experts', application.programmeId],
    enabled: event === 'ASSIGN_EVALUATOR',
    queryFn: () => ok(api.GET('/programmes/{id}/experts', { params: { path: { id: application.programmeId } } })),
  });
  const send = useMutation({
    mutationFn: async (v: Values) => {
      const path = { params: { path: { id } } };
      if (event === 'ASSIGN_EVALUATOR') {
        return ok(
          api.POST('/applications/{id}/evaluators', { ...path, body: { evaluatorId: v.evaluatorId!, version } }),
        );
      }
      if (event === 'DECLARE_CONFLICT') {
        return ok(api.POST('/applications/{id}/conflicts', { ...path, body: { reason: v.reason!, version } }));
      }
      return ok(
        api.POST('/applications/{id}/events', {
          ...path,
          body: {
            type: event,
            version,
            ...(v.reason ? { reason: v.reason } : {}),
            ...(v.comment ? { comment: v.comment } : {}),
            ...(v.penaltyReference ? { penaltyReference: v.penaltyReference } : {}),
            ...(v.creditPublication ? { creditPublication: v.creditPublication } : {}),
          },
        }),
      );
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['application', id] });
      await client.invalidateQueries({ queryKey: ['applications'] });
      onClose();
    },
    onError: (e) =>
      form.setFields(
        fieldErrors(e, t.lang, ['reason', 'comment', 'evaluatorId', 'penaltyReference', 'creditPublication']),
      ),
  });
  const needsReason = NEEDS_REASON.includes(event);
  return (
    <Modal
      open
      title={t.term(APPLICATION_EVENTS, event)}
      onCancel={onClose}
      okText={t('确认', 'Confirm')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ danger: DANGEROUS.includes(event), loading: send.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={send.error} />
      {event === 'OPEN_PUBLIC_NOTICE' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '公示期按工作日计算，结束后系统自动关闭公示',
            'The notice runs for working days and closes by itself',
          )}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        {event === 'ASSIGN_EVALUATOR' ? (
          <Form.Item label={t('评审专家', 'Evaluator')} name="evaluatorId" rules={[{ required: true }]}>
            <Select
              loading={experts.isLoading}
              options={experts.data?.map((x) => ({ value: x.id, label: `${x.displayName}（${x.username}）` }))}
            />
          </Form.Item>
        ) : null}
        {needsReason || event === 'WITHDRAW' ? (
          <Form.Item
            label={t('理由', 'Reason')}
            name="reason"
            rules={needsReason ? [{ required: true, message: t('请填写理由', 'A reason is needed') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : event !== 'ASSIGN_EVALUATOR' ? (
          <Form.Item label={t('备注（可选）', 'Remark (optional)')} name="comment">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {event === 'REVOKE' ? (
          <>
            <Form.Item
              label={t('行政处罚决定书文号', 'Penalty decision reference')}
              name="penaltyReference"
              extra={t('例：青自贸市监罚〔2026〕12号', 'e.g. 青自贸市监罚〔2026〕12号')}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              label={t('信用信息公示记录（编号或网址）', 'Credit-system publication (record or URL)')}
              name="creditPublication"
            >
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
