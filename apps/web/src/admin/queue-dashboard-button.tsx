import { Button } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { describeError } from '../errors/error-messages';
import { useT } from '../i18n/locale';

/** Opens the BullMQ dashboard with a single-use ticket of this session (POST /auth/dashboard-ticket). */
export function QueueDashboardButton() {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Button
      title={problem ?? undefined}
      danger={Boolean(problem)}
      onClick={() => {
        ok(api.POST('/auth/dashboard-ticket'))
          .then((r) => window.open(r.url, '_blank', 'noopener'))
          .catch((e: unknown) => setProblem(describeError(e, t.lang).title));
      }}
    >
      {t('队列监控', 'Queue dashboard')}
    </Button>
  );
}
