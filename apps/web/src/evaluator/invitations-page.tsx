import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Descriptions, Empty, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ToneTag, type Tone } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { EXPERT_FIELDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { formatDue } from '../common/due';

type Invitation = components['schemas']['ExpertInvitationView'];

const STATUS: Record<Invitation['status'], [string, string, Tone]> = {
  invited: ['待答复', 'awaiting your answer', 'processing'],
  accepted: ['已接受', 'accepted', 'success'],
  declined: ['已拒绝', 'declined', 'default'],
  expired: ['已过期', 'expired', 'warning'],
};

/**
 * An expert's invitations, soonest due first: the applicant is named so a conflict can be declared. Accepting needs
 * the declaration of no conflict first; declining asks whether it is for a conflict, and why. Once accepted the
 * application (its dossier and the scoring form) opens.
 */
export default function InvitationsPage() {
  const t = useT();
  const list = useQuery({ queryKey: ['my-invitations'], queryFn: () => ok(api.GET('/evaluator-invitations')) });
  return (
    <Card>
      <PageTitle>{t('评审邀请', 'Panel invitations')}</PageTitle>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? <Empty description={t('暂无评审邀请', 'No invitation')} /> : null}
      {list.data?.map((i) => (
        <InvitationCard key={i.id} invitation={i} />
      ))}
    </Card>
  );
}

function InvitationCard({ invitation: i }: { invitation: Invitation }) {
  const t = useT();
  const client = useQueryClient();
  const [declared, setDeclared] = useState(false);
  const [declining, setDeclining] = useState(false);
  const changed = async () => {
    await client.invalidateQueries({ queryKey: ['my-invitations'] });
    await client.invalidateQueries({ queryKey: ['todo'] });
    await client.invalidateQueries({ queryKey: ['todo-summary'] });
  };
  const accept = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/evaluator-invitations/{id}/accept', {
          params: { path: { id: i.id } },
          body: { declaration: 'no_conflict' },
        }),
      ),
    onSuccess: changed,
  });
  const [status, statusEn, tone] = STATUS[i.status];
  return (
    <Card
      type="inner"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{i.applicationReference}</span>
          <ToneTag tone={tone}>{t(status, statusEn)}</ToneTag>
        </Space>
      }
      data-testid={`invitation-${i.applicationReference}`}
    >
      <ErrorAlert error={accept.error} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'title', label: t('申请名称', 'Title'), children: i.applicationTitle },
          { key: 'applicant', label: t('申请单位', 'Applicant'), children: i.applicantName },
          { key: 'programme', label: t('认定项目', 'Programme'), children: i.programmeName },
          {
            key: 'field',
            label: t('评审领域', 'Field'),
            children: i.field ? t.term(EXPERT_FIELDS, i.field) : t('不限领域', 'any field'),
          },
          { key: 'due', label: t('答复期限', 'Answer by'), children: formatDue(i.respondBy, t.lang) },
          ...(i.reason ? [{ key: 'reason', label: t('理由', 'Reason'), children: i.reason }] : []),
        ]}
      />
      {i.status === 'invited' ? (
        <Space orientation="vertical" style={{ marginTop: 12 }}>
          <Checkbox checked={declared} onChange={(e) => setDeclared(e.target.checked)}>
            {t(
              `本人声明：与申请单位“${i.applicantName}”不存在利益冲突（任职、投资、亲属、近期合作等）`,
              `I declare no conflict of interest with "${i.applicantName}"`,
            )}
          </Checkbox>
          <Space>
            <Button type="primary" disabled={!declared} loading={accept.isPending} onClick={() => accept.mutate()}>
              {t('接受邀请', 'Accept')}
            </Button>
            <Button onClick={() => setDeclining(true)}>{t('拒绝 / 申请回避', 'Decline / declare a conflict')}</Button>
          </Space>
        </Space>
      ) : null}
      {i.status === 'accepted' ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Link to={`/applications/${i.applicationId}`}>{t('查看申报材料并评分', 'Open the dossier and score')}</Link>
        </Typography.Paragraph>
      ) : null}
      {declining ? <DeclineDialog invitation={i} onClose={() => setDeclining(false)} onDone={changed} /> : null}
    </Card>
  );
}

function DeclineDialog({
  invitation,
  onClose,
  onDone,
}: {
  invitation: Invitation;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const [form] = Form.useForm<{ conflict: boolean; reason: string }>();
  const decline = useMutation({
    mutationFn: (v: { conflict: boolean; reason: string }) =>
      ok(api.POST('/evaluator-invitations/{id}/decline', { params: { path: { id: invitation.id } }, body: v })),
    onSuccess: async () => {
      await onDone();
      onClose();
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['conflict', 'reason'])),
  });
  return (
    <Modal
      open
      title={t('拒绝邀请', 'Decline the invitation')}
      okText={t('确认', 'Confirm')}
      cancelText={t('取消', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: decline.isPending, danger: true }}
      destroyOnHidden
    >
      <ErrorAlert error={decline.error} />
      <Form form={form} layout="vertical" initialValues={{ conflict: false }} onFinish={(v) => decline.mutate(v)}>
        <Form.Item label={t('拒绝原因类别', 'Why')} name="conflict">
          <Radio.Group
            options={[
              { value: true, label: t('存在利益冲突（回避）', 'A conflict of interest') },
              { value: false, label: t('其他原因（时间冲突等）', 'Another reason') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('理由', 'Reason')}
          name="reason"
          rules={[{ required: true, message: t('请填写理由', 'A reason is needed') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
