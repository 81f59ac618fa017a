import { Alert } from 'antd';
import { useT } from '../i18n/locale';
import { describeError } from './error-messages';

/** An API error in Chinese beside the action it concerns; nothing when there is none. Never the raw body. */
export function ErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const { title, detail, errorId } = describeError(error, t.lang);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        detail || errorId ? (
          <>
            {detail}
            {errorId ? <div>{t('错误编号：', 'Error id: ') + errorId}</div> : null}
          </>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
