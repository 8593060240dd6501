import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { Route, Router, Switch } from 'wouter';
import { errorCode, errorText } from './api';
import { BranchesDocument, MeDocument, type Session, SessionContext } from './session';
import { ComingSoon } from './screens/ComingSoon';
import { Home } from './screens/Home';
import { NotFound } from './screens/NotFound';
import { SignInScreen } from './screens/SignIn';
import { Shell } from './Shell';

/** The members screen is its own chunk: the first screen loads without it. */
const Members = lazy(() => import('./screens/Members').then((m) => ({ default: m.Members })));
/** The events screens and the door check-in: chunks of their own too. */
const Events = lazy(() => import('./screens/events/Events').then((m) => ({ default: m.Events })));
const EventDetail = lazy(() =>
  import('./screens/events/EventDetail').then((m) => ({ default: m.EventDetail })),
);
const CheckIn = lazy(() => import('./screens/events/CheckIn').then((m) => ({ default: m.CheckIn })));

export function App() {
  const [me] = useQuery({ query: MeDocument });
  const isAdmin = me.data?.me.roles.some((r) => r.role === 'ADMIN') ?? false;
  const [all] = useQuery({ query: BranchesDocument, pause: !isAdmin });

  const session = useMemo<Session | null>(() => {
    if (!me.data) {
      return null;
    }
    const own = me.data.me.roles.flatMap((r) => (r.role === 'ORGANISER' && r.branch ? [r.branch] : []));
    return { me: me.data.me, isAdmin, branches: isAdmin ? (all.data?.branches ?? []) : own };
  }, [me.data, isAdmin, all.data]);

  if (me.error && errorCode(me.error) === 'UNAUTHENTICATED') {
    return <SignInScreen />;
  }
  if (me.error && !me.data) {
    return (
      <main className="narrow" id="main">
        <h1>Organise</h1>
        <p className="error" role="alert">
          {errorText(me.error)}
        </p>
      </main>
    );
  }
  if (!session || (isAdmin && !all.data)) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Router base="/organise">
        <Shell>
          <Suspense
            fallback={
              <p className="loading" role="status">
                Loading…
              </p>
            }
          >
            <Switch>
              <Route path="/" component={Home} />
              <Route path="/members" component={Members} />
              <Route path="/events" component={Events} />
              <Route path="/events/:id/check-in" component={CheckIn} />
              <Route path="/events/:id" component={EventDetail} />
              <Route path="/petitions">
                <ComingSoon title="Petitions" />
              </Route>
              <Route path="/letters">
                <ComingSoon title="Letters" />
              </Route>
              <Route path="/pledges">
                <ComingSoon title="Pledges" />
              </Route>
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </Shell>
      </Router>
    </SessionContext.Provider>
  );
}
