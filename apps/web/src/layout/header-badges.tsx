import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Drawer, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { useT } from '../i18n/locale';
import { NotificationsList } from '../notifications/notifications-list';

const POLL_MS = 30_000;

/** The header's 待办 count and unread-notification badge; the bell opens the notifications drawer. */
export function HeaderBadges() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const todo = useQuery({
    queryKey: ['todo-summary'],
    queryFn: () => ok(api.GET('/me/todo/summary')),
    refetchInterval: POLL_MS,
  });
  const unread = useQuery({
    queryKey: ['unread-count'],
    queryFn: () => ok(api.GET('/me/notifications/unread-count')),
    refetchInterval: POLL_MS,
  });
  const todoCount = todo.data?.total ?? 0;
  const unreadCount = unread.data?.unread ?? 0;
  return (
    <Space size="large">
      <Badge count={todoCount} overflowCount={99} color={todo.data?.overdue ? '#c41d1f' : '#1f5fbf'}>
        <Button
          data-testid="todo-badge"
          aria-label={t(`待办，${todoCount} 项`, `To do, ${todoCount}`)}
          onClick={() => void navigate('/todo')}
        >
          {t('待办', 'To do')}
        </Button>
      </Badge>
      <Badge count={unreadCount} overflowCount={99} color="#c41d1f">
        <Button
          data-testid="notifications-badge"
          aria-label={t(`消息通知，${unreadCount} 条未读`, `Notifications, ${unreadCount} unread`)}
          onClick={() => setOpen(true)}
        >
          {t('通知', 'Notifications')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('消息通知', 'Notifications')}
        size={480}
        extra={
          <Button
            type="link"
            onClick={() => {
              setOpen(false);
              void navigate('/notifications');
            }}
          >
            {t('查看全部', 'All notifications')}
          </Button>
        }
      >
        {open ? <NotificationsList pageSize={10} onOpen={() => setOpen(false)} /> : null}
      </Drawer>
    </Space>
  );
}
