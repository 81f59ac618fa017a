import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from './auth/session';
import { jurisdictionsQuery, programmesQuery } from './common/reference-data';
import { menuFor } from './layout/menu';
import { PAGES } from './pages';

/** The page a side-menu path opens (and the detail page a list leads to), by the module that draws it. */
export const MENU_PAGES: Record<string, (keyof typeof PAGES)[]> = {
  '/todo': ['TodoPage'],
  '/applications': ['ApplicationsPage', 'ApplicationPage'],
  '/applications/new': ['NewApplicationPage'],
  '/organisation': ['OrganisationPage'],
  '/organisations/pending': ['PendingOrganisationsPage'],
  '/recommendations': ['CandidatesPage'],
  '/programmes': ['ProgrammesPage', 'ProgrammePage'],
  '/reports': ['ReportsPage'],
  '/quotas': ['QuotasPage'],
  '/targets': ['TargetsPage'],
  '/dashboard': ['DashboardPage'],
  '/directory': ['DirectoryPage', 'EnterprisePage'],
  '/stats/activities': ['ActivitiesPage'],
  '/stats/table': ['ServiceMonthPage'],
  '/stats/filings': ['FilingsPage'],
  '/stats/editions': ['EditionsPage'],
  '/stats/requests': ['RequestsPage'],
  '/my-requests': ['MyRequestsPage'],
  '/pilot/rankings': ['PilotRankingPage'],
  '/pilot/compilation': ['PilotCompilationPage'],
  '/pilot/reports': ['PilotReportsPage'],
  '/invitations': ['InvitationsPage'],
  '/finance/disbursements': ['DisbursementsPage', 'DisbursementPage'],
  '/finance/attention': ['AttentionPage'],
  '/finance/statements': ['StatementsPage'],
  '/finance/policies': ['PoliciesPage'],
  '/colleagues': ['ColleaguesPage'],
  '/staff': ['StaffPage'],
  '/admin/calendar': ['CalendarPage'],
  '/admin/clock': ['ClockPage'],
  '/public': ['PublicRegisterPage'],
  '/notifications': ['NotificationsPage'],
  '/profile': ['ProfilePage'],
};

/** The modules behind a menu, in the menu's order, each once. */
export function pagesForMenu(paths: string[]): (keyof typeof PAGES)[] {
  return [...new Set(paths.flatMap((p) => MENU_PAGES[p] ?? []))];
}

/** When the browser is next idle (or after `fallbackMs` where it cannot say). */
function whenIdle(run: () => void, fallbackMs = 1_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, fallbackMs);
  return () => window.clearTimeout(id);
}

/**
 * Once a user is signed in and the browser idle, loads the pages their side menu leads to (one at a time, in the
 * menu's order, so a click soon after sign-in finds its page's chunk on its way or already here) and the reference
 * lists most pages read (programmes, jurisdictions). A failed load is left to the click that needs it to report.
 */
export function PrefetchPages() {
  const session = useSession();
  const queryClient = useQueryClient();
  const role = session?.user.role;
  useEffect(() => {
    if (!role) return;
    let stopped = false;
    const cancel = whenIdle(() => {
      void queryClient.prefetchQuery(programmesQuery);
      void queryClient.prefetchQuery(jurisdictionsQuery);
      void (async () => {
        for (const name of pagesForMenu(menuFor(role).map((e) => e.path))) {
          if (stopped) return;
          await PAGES[name]().catch(() => undefined);
        }
      })();
    });
    return () => {
      stopped = true;
      cancel();
    };
  }, [role, queryClient]);
  return null;
}
