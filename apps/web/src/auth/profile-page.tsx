import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { ROLES } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { NotificationSettings } from '../notifications/notification-settings';
import { useSession } from './session';

export default function ProfilePage() {
  const t = useT();
  const session = useSession();
  if (!session) return null;
  const u = session.user;
  return (
    <>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('个人中心', 'Profile')}
        </Typography.Title>
        <Descriptions
          column={1}
          bordered
          items={[
            { key: 'name', label: t('姓名', 'Name'), children: u.displayName },
            { key: 'username', label: t('用户名', 'Username'), children: u.username },
            { key: 'role', label: t('角色', 'Role'), children: t.term(ROLES, u.role) },
            { key: 'jurisdiction', label: t('所属辖区', 'Jurisdiction'), children: u.jurisdictionCode ?? '—' },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          <Link to="/password">{t('修改密码', 'Change password')}</Link>
        </Typography.Paragraph>
      </Card>
      <NotificationSettings />
    </>
  );
}
