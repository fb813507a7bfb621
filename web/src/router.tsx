// The app's URLs. Each screen is one module under routes/, loaded when first visited; search
// parameters (filters, sort, page) are validated here so a shared link opens the same view.
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { AppShell } from './layout/AppShell.tsx';
import { NotFound, RouteError } from './layout/RouteError.tsx';
import { sessionQuery } from './session.ts';

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
  validateSearch: z.object({ next: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./routes/login.tsx'), 'LoginScreen'),
});

/** Every screen but /login: signed in, inside the shell. */
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

const todayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/today.tsx'), 'TodayScreen'),
});

export const worklistSearch = z.object({
  kind: z.enum(['call', 'review', 'send', 'promise']).optional().catch(undefined),
  item: z.string().optional().catch(undefined),
});

const worklistRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/worklist',
  validateSearch: worklistSearch,
  component: lazyRouteComponent(() => import('./routes/worklist.tsx'), 'WorklistScreen'),
});

export const customersSearch = z.object({
  q: z.string().optional().catch(undefined),
  kind: z.enum(['business', 'consumer']).optional().catch(undefined),
  tag: z.string().optional().catch(undefined),
  cursor: z.string().optional().catch(undefined),
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

export const actionsSearch = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  status: z.enum(['planned', 'ready', 'sending', 'sent', 'written', 'printed', 'posted', 'done', 'deferred', 'blocked', 'failed', 'cancelled', 'superseded']).optional().catch(undefined),
});

const actionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/actions',
  validateSearch: actionsSearch,
  component: lazyRouteComponent(() => import('./routes/actions.tsx'), 'ActionsScreen'),
});

// The owner's screens: imports, playbooks, templates and settings.
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
const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  validateSearch: z.object({ name: z.string().optional().catch(undefined), channel: z.string().optional().catch(undefined), language: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('./routes/templates/index.tsx'), 'TemplatesScreen'),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./routes/settings/index.tsx'), 'SettingsScreen'),
});
const ownerScreens = [importsRoute, playbooksRoute, playbookRoute, templatesRoute, settingsRoute];

const routeTree = rootRoute.addChildren([loginRoute, appRoute.addChildren([todayRoute, worklistRoute, customersRoute, customerRoute, actionsRoute, ...ownerScreens])]);

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
