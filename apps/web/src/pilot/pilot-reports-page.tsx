import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { halfYearLabel, ReportStatusTag } from './pilot-status';

type Report = components['schemas']['PilotReportView'];

/**
 * 试点进展报告: a pilot region's semi-annual progress reports (each 30 June and 31 December of its pilot), with the due
 * date and status of each; the region's users submit one (once), regulators read those of the regions they supervise.
 */
export default function PilotReportsPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const [submitting, setSubmitting] = useState<Report | null>(null);
  const q = useQuery({ queryKey: ['pilot-reports'], queryFn: () => ok(api.GET('/pilot-reports')) });
  const submit = useMutation({
    mutationFn: (v: { summary: string }) =>
      ok(
        api.POST('/pilot-reports/{id}/submission', {
          params: { path: { id: submitting!.id } },
          body: { summary: v.summary },
        }),
      ),
    onSuccess: async () => {
      setSubmitting(null);
      await client.invalidateQueries({ queryKey: ['pilot-reports'] });
    },
  });
  const region = session?.user.role === 'applicant';
  return (
    <Card>
      <PageTitle
        extra={
          <ExportButton
            name="试点进展报告"
            download={(format) =>
              ok(api.GET('/pilot-reports/export', { params: { query: { format } }, parseAs: 'blob' }))
            }
          />
        }
      >
        {t('试点进展报告', 'Pilot progress reports')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '创新试点地区应于每年6月底、12月底将试点工作进展情况报送市场监管总局和所在地省级市场监管部门。',
          'Pilot regions report their progress each 30 June and 31 December to the national office and their province.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Table<Report>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data}
        pagination={false}
        expandable={{
          rowExpandable: (r) => Boolean(r.summary),
          expandedRowRender: (r) => <Typography.Paragraph>{r.summary}</Typography.Paragraph>,
        }}
        columns={[
          { title: t('试点地区', 'Pilot region'), dataIndex: 'regionName' },
          { title: t('报告期', 'Half-year'), dataIndex: 'halfYear', render: (v: string) => halfYearLabel(v, t) },
          { title: t('报送截止日', 'Due on'), dataIndex: 'dueOn' },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <ReportStatusTag status={v} /> },
          {
            title: t('报送时间', 'Submitted at'),
            dataIndex: 'submittedAt',
            render: (v: string | null) => formatTime(v),
          },
          {
            title: t('逾期督办', 'Flagged overdue'),
            dataIndex: 'overdueFlaggedAt',
            render: (v: string | null) => formatTime(v),
          },
          ...(region
            ? [
                {
                  title: t('操作', 'Action'),
                  key: 'act',
                  render: (_: unknown, r: Report) =>
                    r.submittedAt ? null : (
                      <Button size="small" type="primary" onClick={() => setSubmitting(r)}>
                        {t('报送', 'Submit')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={Boolean(submitting)}
        footer={null}
        destroyOnHidden
        title={submitting ? `${t('报送', 'Submit')} ${halfYearLabel(submitting.halfYear, t)}` : ''}
        onCancel={() => setSubmitting(null)}
      >
        <ErrorAlert error={submit.error} />
        <Form layout="vertical" onFinish={(v: { summary: string }) => submit.mutate(v)}>
          <Form.Item
            label={t('试点工作进展情况', 'Progress of the pilot')}
            name="summary"
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={8} maxLength={20000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('确认报送', 'Submit')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
