import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../api/client';
import { LocaleProvider } from '../i18n/locale';

const invitation: components['schemas']['ExpertInvitationView'] = {
  id: '6f1c0b9e-0000-4000-8000-000000000001',
  applicationId: '6f1c0b9e-0000-4000-8000-000000000002',
  applicationReference: 'QDFTZ-2026-000001',
  applicationTitle: '示范点申报',
  applicantName: '青岛网页示范科技有限公司',
  programmeName: '青岛自贸片区2026年',
  evaluatorId: '6f1c0b9e-0000-4000-8000-000000000003',
  evaluatorName: '评审专家 王',
  drawId: null,
  field: 'law',
  replacesId: null,
  status: 'invited',
  invitedBy: '6f1c0b9e-0000-4000-8000-000000000004',
  invitedAt: '2026-12-07T01:00:00.000Z',
  respondBy: '2026-12-10T10:00:00.000Z',
  respondedAt: null,
  conflict: false,
  reason: null,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('InvitationsPage', () => {
  it('accepts only after the declaration of no conflict, sending it', async () => {
    const sent: { url: string; body: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        if (request.method === 'POST') {
          sent.push({ url: request.url, body: await request.text() });
          return json({ ...invitation, status: 'accepted' });
        }
        return json([invitation]);
      }),
    );
    // the client takes fetch when it is made: load the page after the stub
    const { default: InvitationsPage } = await import('./invitations-page');
    render(
      <QueryClientProvider client={new QueryClient()}>
        <LocaleProvider>
          <MemoryRouter>
            <InvitationsPage />
          </MemoryRouter>
        </LocaleProvider>
      </QueryClientProvider>,
    );
    const accept = await screen.findByRole('button', { name: '接受邀请' });
    expect(screen.getByText('青岛网页示范科技有限公司')).toBeTruthy();
    expect(accept.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox'));
    expect(accept.hasAttribute('disabled')).toBe(false);
    fireEvent.click(accept);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].url).toContain(`/evaluator-invitations/${invitation.id}/accept`);
    expect(JSON.parse(sent[0].body)).toEqual({ declaration: 'no_conflict' });
  }, 30_000);
});
