import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Form, Input, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { api, type components, ok } from '../api/client';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { label, REQUEST_STATES } from './stats-terms';

type Request = components['schemas']['RequestView'];

/** A request's state as a coloured tag. */
export function RequestStateTag({ state }: { state: string }) {
  const t = useT();
  return <ToneTag tone={REQUEST_STATES[state]?.[2]}>{label(REQUEST_STATES, state, t.lang)}</ToneTag>;
}

/** The request's steps, oldest first. */
export function RequestHistory({ id }: { id: string }) {
  const t = useT();
  const detail = useQuery({
    queryKey: ['request', id],
    queryFn: () => ok(api.GET('/reports/requests/{id}', { params: { path: { id } } })),
  });
  const STEPS: Record<string, [string, string]> = {
    record: ['登记', 'Recorded'],
    assign: ['分派', 'Assigned'],
    answer: ['答复', 'Answered'],
    close: ['办结', 'Closed'],
    flag_lead: ['标记为线索', 'Flagged as a lead'],
    unflag_lead: ['取消线索', 'Lead flag removed'],
  };
  return (
    <>
      <ErrorAlert error={detail.error} />
      <Timeline
        items={(detail.data?.events ?? []).map((e) => ({
          children: `${formatTime(e.at)} ${label(STEPS, e.event, t.lang)}${e.note ? `：${e.note}` : ''}`,
        }))}
      />
    </>
  );
}

/**
 * One request as its reader sees it: what was asked and where it stands, the bureau's answer (staff only: the
 * enterprise reads none), the feedback it was closed with, then `children` (the staff's actions) and its steps. The
 * staff's ledger and the enterprise's 我的诉求 both show it.
 */
export function RequestDetail({
  request,
  staff = false,
  children,
}: {
  request: Request;
  staff?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        {staff ? <Descriptions.Item label={t('企业', 'Enterprise')}>{request.enterpriseName}</Descriptions.Item> : null}
        <Descriptions.Item label={t('内容', 'Content')}>{request.content}</Descriptions.Item>
        <Descriptions.Item label={t('状态', 'State')}>
          <RequestStateTag state={request.state} />
        </Descriptions.Item>
        {staff ? <Descriptions.Item label={t('答复', 'Answer')}>{request.answer ?? '—'}</Descriptions.Item> : null}
      </Descriptions>
      {request.feedback ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('办理反馈', 'Feedback')}
          description={request.feedback}
        />
      ) : null}
      {children}
      <RequestHistory id={request.id} />
    </>
  );
}

/** The request opened beside its list (a drawer): its detail, and the staff's actions as `children`. */
export function RequestDrawer({
  request,
  onClose,
  staff = false,
  children,
}: {
  request: Request | null;
  onClose: () => void;
  staff?: boolean;
  children?: ReactNode;
}) {
  return (
    <Drawer open={request !== null} onClose={onClose} size="large" title={request?.title}>
      {request ? (
        <RequestDetail request={request} staff={staff}>
          {children}
        </RequestDetail>
      ) : null}
    </Drawer>
  );
}

/** What a request says, as form fields (`title`, `content`): the enterprise's own and the one staff record. */
export function RequestTextFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="title" label={t('诉求', 'Request')} rules={[{ required: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="content" label={t('具体情况', 'Details')} rules={[{ required: true, max: 5000 }]}>
        <Input.TextArea rows={5} />
      </Form.Item>
    </>
  );
}
