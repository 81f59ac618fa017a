import { Tag } from 'antd';
import { APPLICATION_STATES, DISBURSEMENT_STATES } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

const STATE_COLOURS: Record<string, string> = {
  draft: 'default',
  preliminary_review: 'processing',
  revision_requested: 'warning',
  recheck: 'processing',
  acceptance: 'processing',
  public_notice: 'purple',
  notice_closed: 'purple',
  designated: 'success',
  rejected: 'error',
  withdrawn: 'default',
  revoked: 'error',
};

export function StateTag({ state }: { state: string }) {
  const t = useT();
  return <Tag color={STATE_COLOURS[state] ?? 'default'}>{t.term(APPLICATION_STATES, state)}</Tag>;
}

const MONEY_COLOURS: Record<string, string> = {
  pending_approval: 'warning',
  verified: 'processing',
  approved: 'processing',
  paying: 'processing',
  paid: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function DisbursementTag({ state }: { state: string }) {
  const t = useT();
  return <Tag color={MONEY_COLOURS[state] ?? 'default'}>{t.term(DISBURSEMENT_STATES, state)}</Tag>;
}
