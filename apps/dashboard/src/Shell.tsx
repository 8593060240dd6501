import { type ReactNode, useState } from 'react';
import { useMutation } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import { campaignName, errorText } from './api';
import { SignOutDocument, useBranch, useSession, withBranch } from './session';

const NAV = [
  { path: '/', label: 'Home' },
  { path: '/members', label: 'Members' },
  { path: '/events', label: 'Events' },
  { path: '/petitions', label: 'Petitions' },
  { path: '/letters', label: 'Letters' },
  { path: '/pledges', label: 'Pledges' },
];
/** Shown to admins only (the screen and the API refuse everyone else anyway). */
const ADMIN_NAV = [{ path: '/admin', label: 'Admin' }];

/** The frame of every screen: skip link, header (campaign, branch, who, sign out), navigation. */
export function Shell({ children }: { children: ReactNode }) {
  const { me, isAdmin } = useSession();
  const { id: branchId } = useBranch();
  const [location] = useLocation();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner">
          <p className="header__title">
            <span className="header__campaign">{campaignName()}</span>{' '}
            <span className="header__app">Organise</span>
          </p>
          <BranchSwitcher />
          <div className="header__who">
            <span>{me.fullName}</span>
            <SignOut />
          </div>
        </div>
        <nav aria-label="Dashboard" className="nav">
          <ul>
            {(isAdmin ? [...NAV, ...ADMIN_NAV] : NAV).map((item) => (
              <li key={item.path}>
                <Link
                  href={withBranch(item.path, branchId)}
                  aria-current={
                    location === item.path || (item.path === '/events' && location.startsWith('/events/'))
                      ? 'page'
                      : undefined
                  }
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}

function BranchSwitcher() {
  const { branches } = useSession();
  const { id } = useBranch();
  const [location, navigate] = useLocation();
  const search = useSearch();
  if (branches.length === 0) {
    return <p className="header__branch">No branches yet</p>;
  }
  const known = branches.some((b) => b.id === id);
  return (
    <div className="header__branch">
      <label htmlFor="branch-switcher">Branch</label>
      <select
        id="branch-switcher"
        value={known ? id : ''}
        onChange={(event) => {
          const query = new URLSearchParams(search);
          query.set('branch', event.target.value);
          navigate(`${location}?${query.toString()}`);
        }}
      >
        {known ? null : <option value="">Choose a branch</option>}
        {branches.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function SignOut() {
  const [state, signOut] = useMutation(SignOutDocument);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <span className="sign-out">
      <button
        type="button"
        className="button button--secondary"
        disabled={state.fetching}
        onClick={() => {
          void signOut({}).then((result) => {
            if (result.error) {
              setFailed(errorText(result.error));
            } else {
              // A fresh start: nothing of the session stays in memory, and no attendee list on the
              // phone (the door screen's store is its own chunk, loaded only now).
              void import('./screens/events/door-store')
                .then((store) => store.forgetAttendeeLists())
                .catch(() => undefined)
                .finally(() => window.location.assign('/organise'));
            }
          });
        }}
      >
        Sign out
      </button>
      {failed ? (
        <span className="error" role="alert">
          {failed}
        </span>
      ) : null}
    </span>
  );
}
