import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { Route, Router, Switch } from 'wouter';
import { errorCode, errorText } from './api';
import { BranchesDocument, MeDocument, type Session, SessionContext } from './session';
import { Home } from './screens/Home';
import { NotFound } from './screens/NotFound';
import { SignInScreen } from './screens/SignIn';
import { Shell } from './Shell';

/** The members screen is its own chunk: the first screen loads without it. */
const Members = lazy(() => import('./screens/Members').then((m) => ({ default: m.Members })));
const MemberPage = lazy(() => import('./screens/MemberPage').then((m) => ({ default: m.MemberPage })));
const NewMember = lazy(() => import('./screens/MemberPage').then((m) => ({ default: m.NewMember })));
const Petitions = lazy(() => import('./screens/Petitions').then((m) => ({ default: m.Petitions })));
const Pledges = lazy(() => import('./screens/Pledges').then((m) => ({ default: m.Pledges })));
const Letters = lazy(() => import('./screens/Letters').then((m) => ({ default: m.Letters })));
const LetterCampaignScreen = lazy(() =>
  import('./screens/Letters').then((m) => ({ default: m.LetterCampaignScreen })),
);
const Admin = lazy(() => import('./screens/Admin').then((m) => ({ default: m.Admin })));
const PetitionScreen = lazy(() => import('./screens/Petitions').then((m) => ({ default: m.PetitionScreen })));
const PetitionBriefing = lazy(() =>
  import('./screens/PetitionBriefing').then((m) => ({ default: m.PetitionBriefing })),
);
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
              <Route path="/members/new" component={NewMember} />
              <Route path="/members/:id" component={MemberPage} />
              <Route path="/events" component={Events} />
              <Route path="/events/:id/check-in" component={CheckIn} />
              <Route path="/events/:id" component={EventDetail} />
              <Route path="/petitions/:id/briefing" component={PetitionBriefing} />
              <Route path="/petitions" component={Petitions} />
              <Route path="/petitions/:id" component={PetitionScreen} />
              <Route path="/letters" component={Letters} />
              <Route path="/letters/:id" component={LetterCampaignScreen} />
              <Route path="/pledges" component={Pledges} />
              <Route path="/admin" component={Admin} />
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </Shell>
      </Router>
    </SessionContext.Provider>
  );
}
