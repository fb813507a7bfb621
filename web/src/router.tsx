// The app's URLs. Each screen is one module under routes/, loaded when first visited; search
// parameters (filters, sort, page) are validated here so a shared link opens the same view.
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { AppShell } from './layout/AppShell.tsx';
import { NotFound, RouteError } from './layout/RouteError.tsx';
import { sessionQuery } from './session.ts';

// Search parameters are checked by hand, not with zod: the router is in the first screen's bundle,
// and zod (used by the forms) then loads only with the screens that have forms.
type Search = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): T | undefined =>
    (values as readonly unknown[]).includes(value) ? (value as T) : undefined;
const currencyCode = (value: unknown) => (typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : undefined);
const isoDate = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Search): { next?: string } => ({ next: text(search.next) }),
  component: lazyRouteComponent(() => import('./routes/login.tsx'), 'LoginScreen'),
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite',
  component: lazyRouteComponent(() => import('./routes/invite.tsx'), 'InviteScreen'),
});

/** Every screen but /login and /invite: signed in, inside the shell. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/login', search: { next: location.href } });
  },
  component: AppShell,
  errorComponent: RouteError,
});

const yearMonth = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined);
export interface TodaySearch {
  /** A month of the DSO and CEI chart ('2026-11') whose figures are shown, in `currency`. */
  kpi?: string;
  currency?: string;
}
const todaySearch = (search: Search): TodaySearch => ({ kpi: yearMonth(search.kpi), currency: currencyCode(search.currency) });

const todayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  validateSearch: todaySearch,
  component: lazyRouteComponent(() => import('./routes/today.tsx'), 'TodayScreen'),
});

const worklistKind = oneOf(['call', 'review', 'send', 'promise', 'approval'] as const);
const worklistSearch = (search: Search): { kind?: ReturnType<typeof worklistKind>; cursor?: string; item?: string } => ({ kind: worklistKind(search.kind), cursor: text(search.cursor), item: text(search.item) });

const worklistRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/worklist',
  validateSearch: worklistSearch,
  component: lazyRouteComponent(() => import('./routes/worklist.tsx'), 'WorklistScreen'),
});

const customerKind = oneOf(['business', 'consumer'] as const);
const agingBucket = oneOf(['current', '1-30', '31-60', '61-90', '91+'] as const);
const customerStatus = oneOf(['active', 'paused', 'arrangement', 'agency', 'legal', 'no_case', 'excluded'] as const);
const customerSort = oneOf(['id', 'name'] as const);
const overdueFlag = oneOf(['true'] as const);
export interface CustomersSearch {
  q?: string;
  kind?: ReturnType<typeof customerKind>;
  tag?: string;
  bucket?: ReturnType<typeof agingBucket>;
  /** Customers with an invoice in this aging bucket (in `currency` when given): a bar of Today's aging links here. */
  invoiceBucket?: ReturnType<typeof agingBucket>;
  status?: ReturnType<typeof customerStatus>;
  playbook?: string;
  sort?: ReturnType<typeof customerSort>;
  /** Customers owing in this currency (Today's figures link here). */
  currency?: string;
  /** 'true': only customers with something overdue today. */
  overdue?: ReturnType<typeof overdueFlag>;
  cursor?: string;
}
const customersSearch = (search: Search): CustomersSearch => ({
  q: text(search.q),
  kind: customerKind(search.kind),
  tag: text(search.tag),
  bucket: agingBucket(search.bucket),
  invoiceBucket: agingBucket(search.invoiceBucket),
  status: customerStatus(search.status),
  playbook: text(search.playbook),
  sort: customerSort(search.sort),
  currency: currencyCode(search.currency),
  overdue: overdueFlag(search.overdue),
  cursor: text(search.cursor),
});

const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  validateSearch: customersSearch,
  component: lazyRouteComponent(() => import('./routes/customers.tsx'), 'CustomersScreen'),
});

const customerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$id',
  component: lazyRouteComponent(() => import('./routes/customer/index.tsx'), 'CustomerScreen'),
});

const actionStatus = oneOf(['planned', 'ready', 'sending', 'sent', 'written', 'printed', 'posted', 'done', 'deferred', 'blocked', 'failed', 'cancelled', 'superseded'] as const);
const actionsSearch = (search: Search): { date?: string; status?: ReturnType<typeof actionStatus>; cursor?: string } => ({ date: isoDate(search.date), status: actionStatus(search.status), cursor: text(search.cursor) });

const actionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/actions',
  validateSearch: actionsSearch,
  component: lazyRouteComponent(() => import('./routes/actions.tsx'), 'ActionsScreen'),
});

// The owner's screens (imports, playbooks, templates, settings).
const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  component: lazyRouteComponent(() => import('./routes/imports/index.tsx'), 'ImportsScreen'),
});
const playbooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/playbooks',
  component: lazyRouteComponent(() => import('./routes/playbooks/index.tsx'), 'PlaybooksScreen'),
});
const playbookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/playbooks/$name',
  component: lazyRouteComponent(() => import('./routes/playbooks/playbook.tsx'), 'PlaybookScreen'),
});
const templatesSearch = (search: Search): { name?: string; channel?: string; language?: string } => ({ name: text(search.name), channel: text(search.channel), language: text(search.language) });
const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  validateSearch: templatesSearch,
  component: lazyRouteComponent(() => import('./routes/templates/index.tsx'), 'TemplatesScreen'),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./routes/settings/index.tsx'), 'SettingsScreen'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  inviteRoute,
  appRoute.addChildren([todayRoute, worklistRoute, customersRoute, customerRoute, actionsRoute, importsRoute, playbooksRoute, playbookRoute, templatesRoute, settingsRoute]),
]);

/** Search parameters as plain text (?item=42, not TanStack's default JSON ?item=%2242%22): every filter is a string, and links stay readable. */
function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}
function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const router = createRouter({
  routeTree,
  parseSearch,
  stringifySearch,
  context: { queryClient: undefined! },
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
