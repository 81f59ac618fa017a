import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { ToneTag } from '../common/tags';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { type CalendarDay, parseCalendarFile } from './calendar-file';

type Day = components['schemas']['CalendarDayView'];

/**
 * The holiday calendar of a year (the State Council's schedule: holidays and make-up working days). A year without
 * an official schedule counts weekends only, which the page says. Loading a year is PUT /calendar/:year (a JSON
 * schedule): the admin picks the official calendar file (or a `{ source, days }` JSON), sees what it holds for the
 * year, names the source and loads it.
 */
export default function CalendarPage() {
  const t = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => ok(api.GET('/calendar/{year}', { params: { path: { year } } })),
  });
  const [loading, setLoading] = useState(false);
  return (
    <Card>
      <PageTitle
        extra={
          <Space>
            <label htmlFor="calendar-year">{t('年份', 'Year')}</label>
            <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            <Button type="primary" onClick={() => setLoading(true)}>
              {t(`载入 ${year} 年放假安排`, `Load the ${year} schedule`)}
            </Button>
          </Space>
        }
      >
        {t('节假日日历', 'Holiday calendar')}
      </PageTitle>
      <ErrorAlert error={q.error} />
      {loading ? <LoadYearDialog year={year} onClose={() => setLoading(false)} /> : null}
      {q.data && !q.data.scheduled ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            `${year} 年的官方放假安排尚未载入：工作日暂仅按周末计算`,
            `No official schedule for ${year}: working days count weekends only`,
          )}
        />
      ) : null}
      {q.data?.source ? <p>{t('来源：', 'Source: ') + q.data.source}</p> : null}
      <Table<Day>
        size="small"
        rowKey="date"
        loading={q.isLoading}
        dataSource={q.data?.days}
        pagination={{ pageSize: 40 }}
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'date' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (v: string) =>
              v === 'holiday' ? (
                <ToneTag tone="error">{t('放假', 'Holiday')}</ToneTag>
              ) : (
                <ToneTag tone="processing">{t('调休上班', 'Make-up working day')}</ToneTag>
              ),
          },
          { title: t('名称', 'Name'), dataIndex: 'name', render: (v: unknown) => v ?? '' },
        ]}
      />
    </Card>
  );
}

/** Loading (or replacing) a year's official schedule from a file: read in the browser, previewed, then PUT. */
function LoadYearDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [form] = Form.useForm<{ source: string }>();
  const load = useMutation({
    mutationFn: (source: string) =>
      ok(api.PUT('/calendar/{year}', { params: { path: { year } }, body: { source, days: days ?? [] } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['calendar', year] });
      onClose();
    },
  });
  const read = async (file: File | undefined) => {
    setDays(null);
    setFileError(null);
    if (!file) return;
    const r = parseCalendarFile(await file.text(), year);
    if (!r.ok) {
      setFileError(t(...r.error));
      return;
    }
    setDays(r.days);
    if (r.source && !form.getFieldValue('source')) form.setFieldsValue({ source: r.source.slice(0, 100) });
  };
  const holidays = days?.filter((d) => d.kind === 'holiday').length ?? 0;
  return (
    <Modal
      open
      title={t(`载入 ${year} 年放假安排`, `Load the ${year} schedule`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('载入', 'Load')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: !days, loading: load.isPending }}
    >
      <ErrorAlert error={load.error} />
      <Form form={form} layout="vertical" onFinish={(v) => load.mutate(v.source)}>
        <Form.Item
          label={t('放假安排文件（JSON）', 'Schedule file (JSON)')}
          extra={t(
            '官方日历文件（含 holidays、workdays），或 { source, days } 格式；仅取该年份的日期。已有安排将被替换。',
            'The official calendar file (holidays, workdays) or { source, days }; only dates of the year are taken. An existing schedule is replaced.',
          )}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? undefined}
        >
          <input
            type="file"
            accept=".json,application/json"
            aria-label={t('放假安排文件', 'Schedule file')}
            onChange={(e) => void read(e.target.files?.[0])}
          />
        </Form.Item>
        {days ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(
              `共 ${days.length} 天：放假 ${holidays} 天，调休上班 ${days.length - holidays} 天`,
              `${days.length} days: ${holidays} holidays, ${days.length - holidays} make-up working days`,
            )}
          />
        ) : null}
        <Form.Item label={t('来源', 'Source')} name="source" rules={[{ required: true }, { max: 100 }]}>
          <Input placeholder={t(`国务院办公厅关于${year}年部分节假日安排的通知`, 'The State Council notice')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
