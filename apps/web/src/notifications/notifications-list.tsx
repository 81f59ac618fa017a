import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { NOTIFICATION_KINDS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';

/** Refreshes everything that shows notifications (the list, the header's badge). */
export function useNotificationsChanged() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: ['notifications'] });
    await client.invalidateQueries({ queryKey: ['unread-count'] });
  };
}

/** The user's notifications, unread first: each marks read on its own button, or all at once. */
export function NotificationsList({ pageSize, onOpen }: { pageSize: number; onOpen?: () => void }) {
  const t = useT();
  const changed = useNotificationsChanged();
  const list = useQuery({
    queryKey: ['notifications', pageSize],
    queryFn: () => ok(api.GET('/me/notifications', { params: { query: { pageSize, unreadFirst: true } } })),
  });
  const read = useMutation({
    mutationFn: (id: string) => ok(api.POST('/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: changed,
  });
  const readAll = useMutation({ mutationFn: () => ok(api.POST('/me/notifications/read-all')), onSuccess: changed });
  return (
    <>
      <ErrorAlert error={list.error ?? read.error ?? readAll.error} />
      <Space style={{ marginBottom: 8 }}>
        <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
          {t('全部标为已读', 'Mark all read')}
        </Button>
      </Space>
      <List
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={t('暂无通知', 'No notifications')} /> }}
        renderItem={(n) => (
          <List.Item
            actions={
              n.readAt
                ? []
                : [
                    <Button key="read" size="small" type="link" onClick={() => read.mutate(n.id)}>
                      {t('标为已读', 'Mark read')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {n.readAt ? null : <ToneTag tone="processing">{t('未读', 'unread')}</ToneTag>}
                  <Link to={n.link} onClick={() => (n.readAt ? onOpen?.() : (read.mutate(n.id), onOpen?.()))}>
                    {n.title}
                  </Link>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{n.body}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t.term(NOTIFICATION_KINDS, n.kind)} · {formatTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
