import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { APPLICATION_STATES, DISBURSEMENT_STATES } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

export type Tone = 'success' | 'processing' | 'warning' | 'error' | 'default';

/**
 * Text, fill and border of each tone, chosen for WCAG AA contrast (at least 4.5:1, axe's color-contrast): Ant
 * Design's own status tags are lighter than that.
 */
const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  processing: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  warning: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

/** The console's one tag: a tone and a text. */
export function ToneTag({ tone = 'default', children }: { tone?: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

const STATE_TONES: Record<string, Tone> = {
  draft: 'default',
  preliminary_review: 'processing',
  revision_requested: 'warning',
  recheck: 'processing',
  acceptance: 'processing',
  public_notice: 'warning',
  notice_closed: 'warning',
  designated: 'success',
  rejected: 'error',
  withdrawn: 'default',
  revoked: 'error',
};

export function StateTag({ state }: { state: string }) {
  const t = useT();
  return <ToneTag tone={STATE_TONES[state]}>{t.term(APPLICATION_STATES, state)}</ToneTag>;
}

const MONEY_TONES: Record<string, Tone> = {
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
  return <ToneTag tone={MONEY_TONES[state]}>{t.term(DISBURSEMENT_STATES, state)}</ToneTag>;
}
