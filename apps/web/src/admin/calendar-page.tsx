import { useQuery } from '@tanstack/react-query';
import { Alert, Card, InputNumber, Space, Table } from 'antd';
import { ToneTag } from '../common/tags';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';

type Day = components['schemas']['CalendarDayView'];

/**
 * The holiday calendar of a year (the State Council's schedule: holidays and make-up working days). A year without
 * an official schedule counts weekends only, which the page says. Loading a year is PUT /calendar/:year (a JSON
 * schedule; not offered as a form here).
 */
export default function CalendarPage() {
  const t = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => ok(api.GET('/calendar/{year}', { params: { path: { year } } })),
  });
  return (
    <Card>
      <PageTitle
        extra={
          <Space>
            <label htmlFor="calendar-year">{t('年份', 'Year')}</label>
            <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          </Space>
        }
      >
        {t('节假日日历', 'Holiday calendar')}
      </PageTitle>
      <ErrorAlert error={q.error} />
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
