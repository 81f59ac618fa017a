import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';

type Invitation = components['schemas']['ColleagueInvitationView'];

/** The link a colleague opens to accept: the console's accept page with the token. */
const acceptLink = (origin: string, token: string) => `${origin}/invitation?token=${encodeURIComponent(token)}`;

/**
 * An organisation's user invites a colleague to act for it: a single-use token (shown once) and the link to pass on;
 * the colleague chooses a username and password on the accept page.
 */
export default function ColleaguesPage() {
  const t = useT();
  const [form] = Form.useForm<{ displayName: string }>();
  const [issued, setIssued] = useState<(Invitation & { displayName: string }) | null>(null);
  const invite = useMutation({
    mutationFn: (v: { displayName: string }) => ok(api.POST('/organisations/me/invitations', { body: v })),
    onSuccess: (r, v) => {
      setIssued({ ...r, displayName: v.displayName });
      form.resetFields();
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['displayName'])),
  });
  return (
    <Card>
      <PageTitle>{t('邀请同事', 'Invite colleagues')}</PageTitle>
      <Typography.Paragraph>
        {t(
          '受邀同事将以本单位名义办理申报。邀请链接仅可使用一次，并在有效期后失效。',
          'An invited colleague acts for your organisation. The link works once and expires.',
        )}
      </Typography.Paragraph>
      {issued ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setIssued(null) }}
          style={{ marginBottom: 16 }}
          title={t(
            `已为「${issued.displayName}」生成邀请，请将链接交给本人（仅显示一次）`,
            `Invitation for ${issued.displayName} made: pass the link on (shown once)`,
          )}
          description={
            <>
              <Typography.Paragraph copyable={{ text: acceptLink(window.location.origin, issued.token) }}>
                <Typography.Text code data-testid="invitation-link">
                  {acceptLink(window.location.origin, issued.token)}
                </Typography.Text>
              </Typography.Paragraph>
              <div>{t('有效期至 ', 'Valid until ') + formatTime(issued.expiresAt)}</div>
            </>
          }
        />
      ) : null}
      <ErrorAlert error={invite.error} />
      <Form form={form} layout="inline" onFinish={(v) => invite.mutate(v)}>
        <Form.Item label={t('同事姓名', "Colleague's name")} name="displayName" rules={[{ required: true }]}>
          <Input maxLength={100} style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={invite.isPending}>
          {t('生成邀请链接', 'Make the invitation link')}
        </Button>
      </Form>
    </Card>
  );
}
