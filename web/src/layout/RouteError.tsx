// What a screen shows when it cannot load: the server's own sentence, and a way back.
import { Link, type ErrorComponentProps } from '@tanstack/react-router';

export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <section className="panel" role="alert">
      <h1>This page could not be shown</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link to="/">Back to Today</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  return (
    <main className="panel" id="main">
      <h1>No such page</h1>
      <p>
        The address is not one of the app’s. <Link to="/">Go to Today</Link>.
      </p>
    </main>
  );
}
