import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, whenUnauthenticated } from './api/client.ts';
import { router } from './router.tsx';
import './styles.css';
import './routes/screens.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (4xx) will not change by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

// The session ended (expired, or signed out elsewhere): forget it and ask to sign in again.
whenUnauthenticated(() => {
  queryClient.setQueryData(['session'], null);
  const here = router.state.location;
  if (here.pathname !== '/login') void router.navigate({ to: '/login', search: { next: here.href } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} context={{ queryClient }} />
    </QueryClientProvider>
  </StrictMode>,
);
