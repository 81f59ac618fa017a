import { Card } from 'antd';
import { PageTitle } from '../common/page-title';
import { useT } from '../i18n/locale';
import { NotificationsList } from './notifications-list';

export default function NotificationsPage() {
  const t = useT();
  return (
    <Card>
      <PageTitle>{t('消息通知', 'Notifications')}</PageTitle>
      <NotificationsList pageSize={50} />
    </Card>
  );
}
