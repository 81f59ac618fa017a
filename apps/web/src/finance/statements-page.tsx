import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Table, Upload } from 'antd';
import { ToneTag, type Tone } from '../common/tags';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, formatYuan, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Line = components['schemas']['StatementLineView'];
type Status = Line['matchStatus'];
const STATUS: Record<string, [string, string, Tone]> = {
  confirmed: ['已核对', 'Confirmed', 'success'],
  mismatched: ['金额不符', 'Mismatched', 'error'],
  unknown_reference: ['无法匹配', 'Unknown reference', 'warning'],
};

/** Bank statement upload (CSV, UTF-8; a GBK file is read by the API as the raw body) and reconciliation results. */
export default function StatementsPage() {
  const t = useT();
  const client = useQueryClient();
  const [csv, setCsv] = useState('');
  const [status, setStatus] = useState<Status | 'all'>('all');
  const lines = useQuery({
    queryKey: ['statement-lines', status],
    queryFn: () =>
      ok(api.GET('/finance/statements/lines', { params: { query: status === 'all' ? {} : { status } } } as never)),
  });
  const upload = useMutation({
    mutationFn: () => ok(api.POST('/finance/statements', { body: { csv } })),
    onSuccess: async () => {
      setCsv('');
      await client.invalidateQueries({ queryKey: ['statement-lines'] });
    },
  });
  return (
    <Card>
      <PageTitle
        extra={
          <ExportButton
            name="银行对账"
            download={(format) =>
              ok(
                api.GET('/finance/statements/lines/export', {
                  params: { query: status === 'all' ? { format } : { status, format } },
                  parseAs: 'blob',
                }),
              )
            }
          />
        }
      >
        {t('银行对账', 'Bank statements')}
      </PageTitle>
      <ErrorAlert error={upload.error} />
      {upload.isSuccess ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('对账单已导入', 'Statement imported')} />
      ) : null}
      <Form layout="vertical" onFinish={() => upload.mutate()}>
        <Form.Item label={t('对账单（CSV）', 'Statement (CSV)')} htmlFor="statement-csv">
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then(setCsv);
              return false;
            }}
          >
            <Button>{t('选择文件', 'Choose file')}</Button>
          </Upload>
          <Input.TextArea
            id="statement-csv"
            rows={6}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            style={{ marginTop: 8 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!csv.trim()} loading={upload.isPending}>
          {t('上传并对账', 'Upload and reconcile')}
        </Button>
      </Form>
      <Segmented
        style={{ margin: '16px 0' }}
        value={status}
        onChange={(v) => setStatus(v as Status | 'all')}
        options={[
          { value: 'all', label: t('全部', 'All') },
          ...Object.entries(STATUS).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) })),
        ]}
      />
      <ErrorAlert error={lines.error} />
      <Table<Line>
        size="small"
        rowKey="id"
        loading={lines.isLoading}
        dataSource={lines.data}
        columns={[
          { title: t('行号', 'Line'), dataIndex: 'lineNo' },
          { title: t('付款编号', 'Reference'), dataIndex: 'reference' },
          {
            title: t('金额（元）', 'Amount (yuan)'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => formatYuan(v),
          },
          {
            title: t('银行流水号', 'Bank reference'),
            dataIndex: 'bankReference',
            render: (v: unknown) => v ?? '',
          },
          {
            title: t('结果', 'Result'),
            dataIndex: 'matchStatus',
            render: (v: string) => (
              <ToneTag tone={STATUS[v]?.[2]}>{STATUS[v] ? t(STATUS[v][0], STATUS[v][1]) : v}</ToneTag>
            ),
          },
          {
            title: t('导入时间', 'Uploaded'),
            dataIndex: 'uploadedAt',
            ...noWrap,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Card>
  );
}
