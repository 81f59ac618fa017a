import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { asApiError } from './api/api-error';
import { useSession } from './auth/session';
import { PageLoading } from './common/page-loading';
import { LocaleProvider, useLocale } from './i18n/locale';
import type { RouteHandle } from './layout/console-layout';
import { PublicLayout } from './layout/public-layout';
import { PAGES } from './pages';
import { PrefetchPages } from './prefetch-pages';

// every page is its own chunk, and so is the signed-in layout (pages.ts): the first route loads the shell and its page
const ConsoleLayout = lazy(PAGES.ConsoleLayout);
const SignInPage = lazy(PAGES.SignInPage);
const PasswordPage = lazy(PAGES.PasswordPage);
const ProfilePage = lazy(PAGES.ProfilePage);
const TodoPage = lazy(PAGES.TodoPage);
const InvitationsPage = lazy(PAGES.InvitationsPage);
const NotificationsPage = lazy(PAGES.NotificationsPage);
const PublicRegisterPage = lazy(PAGES.PublicRegisterPage);
const RegisterOrganisationPage = lazy(PAGES.RegisterOrganisationPage);
const ApplicationsPage = lazy(PAGES.ApplicationsPage);
const NewApplicationPage = lazy(PAGES.NewApplicationPage);
const ApplicationPage = lazy(PAGES.ApplicationPage);
const OrganisationPage = lazy(PAGES.OrganisationPage);
const PendingOrganisationsPage = lazy(PAGES.PendingOrganisationsPage);
const ReportsPage = lazy(PAGES.ReportsPage);
const DashboardPage = lazy(PAGES.DashboardPage);
const DirectoryPage = lazy(PAGES.DirectoryPage);
const EnterprisePage = lazy(PAGES.EnterprisePage);
const StaffPage = lazy(PAGES.StaffPage);
const CalendarPage = lazy(PAGES.CalendarPage);
const ClockPage = lazy(PAGES.ClockPage);
const DisbursementsPage = lazy(PAGES.DisbursementsPage);
const AttentionPage = lazy(PAGES.AttentionPage);
const StatementsPage = lazy(PAGES.StatementsPage);
const QuotasPage = lazy(PAGES.QuotasPage);
const TargetsPage = lazy(PAGES.TargetsPage);
const CandidatesPage = lazy(PAGES.CandidatesPage);
const ProgrammesPage = lazy(PAGES.ProgrammesPage);
const ProgrammePage = lazy(PAGES.ProgrammePage);
const ServiceMonthPage = lazy(PAGES.ServiceMonthPage);
const FilingsPage = lazy(PAGES.FilingsPage);
const EditionsPage = lazy(PAGES.EditionsPage);
const ActivitiesPage = lazy(PAGES.ActivitiesPage);
const RequestsPage = lazy(PAGES.RequestsPage);
const MyRequestsPage = lazy(PAGES.MyRequestsPage);
const PilotRankingPage = lazy(PAGES.PilotRankingPage);
const PilotReportsPage = lazy(PAGES.PilotReportsPage);
const PilotCompilationPage = lazy(PAGES.PilotCompilationPage);
// issue 12, the pages missing before: policies, a disbursement, colleagues and their invitation
const PoliciesPage = lazy(PAGES.PoliciesPage);
const DisbursementPage = lazy(PAGES.DisbursementPage);
const ColleaguesPage = lazy(PAGES.ColleaguesPage);
const AcceptInvitationPage = lazy(PAGES.AcceptInvitationPage);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      // a 4xx will not get better by asking again
      retry: (count, e) => count < 2 && asApiError(e).status >= 500,
    },
  },
});

/** Signed in (and the one-time password changed), or off to sign-in / the password page. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (session.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return children;
}

function Home() {
  const session = useSession();
  if (!session) return <Navigate to="/public" replace />;
  // everyone starts at their 待办 (to-do list)
  return <Navigate to="/todo" replace />;
}

const crumb = (zh: string, en: string): RouteHandle => ({ crumb: [zh, en] });

const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  {
    element: <PublicLayout />,
    children: [
      { path: '/public', element: <PublicRegisterPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/register', element: <RegisterOrganisationPage /> },
      { path: '/invitation', element: <AcceptInvitationPage /> },
    ],
  },
  {
    element: (
      <RequireSession>
        <PrefetchPages />
        <Suspense fallback={<PageLoading />}>
          <ConsoleLayout />
        </Suspense>
      </RequireSession>
    ),
    children: [
      { path: '/password', element: <PasswordPage />, handle: crumb('修改密码', 'Change password') },
      { path: '/profile', element: <ProfilePage />, handle: crumb('个人中心', 'Profile') },
      { path: '/todo', element: <TodoPage />, handle: crumb('待办事项', 'To do') },
      { path: '/invitations', element: <InvitationsPage />, handle: crumb('评审邀请', 'Panel invitations') },
      { path: '/notifications', element: <NotificationsPage />, handle: crumb('消息通知', 'Notifications') },
      {
        path: '/applications',
        handle: crumb('申请', 'Applications'),
        children: [
          { index: true, element: <ApplicationsPage /> },
          { path: 'new', element: <NewApplicationPage />, handle: crumb('新建申请', 'New application') },
          { path: ':id', element: <ApplicationPage />, handle: crumb('申请详情', 'Application') },
        ],
      },
      { path: '/organisation', element: <OrganisationPage />, handle: crumb('单位信息', 'Organisation') },
      {
        path: '/organisations/pending',
        element: <PendingOrganisationsPage />,
        handle: crumb('单位实名认证', 'Organisation verification'),
      },
      { path: '/reports', element: <ReportsPage />, handle: crumb('统计报表', 'Counts') },
      { path: '/quotas', element: <QuotasPage />, handle: crumb('名额管理', 'Quotas') },
      { path: '/targets', element: <TargetsPage />, handle: crumb('目标进度', 'Targets') },
      { path: '/recommendations', element: <CandidatesPage />, handle: crumb('推荐名单', 'Candidate lists') },
      {
        path: '/programmes',
        handle: crumb('认定项目', 'Programmes'),
        children: [
          { index: true, element: <ProgrammesPage /> },
          { path: ':id', element: <ProgrammePage />, handle: crumb('项目详情', 'Programme') },
        ],
      },
      { path: '/dashboard', element: <DashboardPage />, handle: crumb('工作看板', 'Dashboard') },
      {
        path: '/directory',
        handle: crumb('企业名录库', 'Enterprise directory'),
        children: [
          { index: true, element: <DirectoryPage /> },
          { path: ':id', element: <EnterprisePage />, handle: crumb('名录企业', 'Enterprise') },
        ],
      },
      { path: '/staff', element: <StaffPage />, handle: crumb('人员管理', 'Staff') },
      { path: '/admin/calendar', element: <CalendarPage />, handle: crumb('节假日日历', 'Holiday calendars') },
      { path: '/admin/clock', element: <ClockPage />, handle: crumb('演示时钟', 'Demo clock') },
      {
        path: '/finance/disbursements',
        handle: crumb('资助发放', 'Disbursements'),
        children: [
          { index: true, element: <DisbursementsPage /> },
          { path: ':id', element: <DisbursementPage />, handle: crumb('发放详情', 'Disbursement') },
        ],
      },
      { path: '/finance/policies', element: <PoliciesPage />, handle: crumb('资助政策', 'Subsidy policies') },
      { path: '/colleagues', element: <ColleaguesPage />, handle: crumb('邀请同事', 'Invite colleagues') },
      { path: '/finance/attention', element: <AttentionPage />, handle: crumb('异常支付', 'Stuck and failed') },
      {
        path: '/pilot/rankings',
        element: <PilotRankingPage />,
        handle: crumb('试点初审与择优上报', 'Pilot pre-review and ranking'),
      },
      {
        path: '/pilot/reports',
        element: <PilotReportsPage />,
        handle: crumb('试点进展报告', 'Pilot progress reports'),
      },
      {
        path: '/pilot/compilation',
        element: <PilotCompilationPage />,
        handle: crumb('试点进展汇总', 'Pilot progress compilation'),
      },
      { path: '/finance/statements', element: <StatementsPage />, handle: crumb('银行对账', 'Statements') },
      { path: '/stats/table', element: <ServiceMonthPage />, handle: crumb('服务月统计表', 'Service-month table') },
      { path: '/stats/filings', element: <FilingsPage />, handle: crumb('报送情况', 'Filing status') },
      { path: '/stats/editions', element: <EditionsPage />, handle: crumb('服务月届次', 'Service-month editions') },
      { path: '/stats/activities', element: <ActivitiesPage />, handle: crumb('活动台账', 'Activities ledger') },
      { path: '/stats/requests', element: <RequestsPage />, handle: crumb('诉求台账', 'Request ledger') },
      { path: '/my-requests', element: <MyRequestsPage />, handle: crumb('我的诉求', 'My requests') },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);

function Themed() {
  const { lang } = useLocale();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        // every text colour dark enough for WCAG AA contrast (4.5:1) on white and on the tags' light fills
        // (axe's color-contrast): Ant Design's default status colours are lighter than that
        token: {
          colorPrimary: '#1f5fbf',
          colorInfo: '#1f5fbf',
          colorLink: '#1f5fbf',
          colorSuccess: '#237804',
          colorWarning: '#ad4e00',
          colorError: '#c41d1f',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
        },
      }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Themed />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
