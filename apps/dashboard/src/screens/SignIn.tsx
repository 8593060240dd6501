import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { campaignName, errorText } from '../api';
import { graphql } from '../gql';
import { ScreenHeading } from '../Heading';

const RequestSignInLinkDocument = graphql(`
  mutation RequestSignInLink($email: String!) {
    requestSignInLink(email: $email)
  }
`);

/** Without a session: ask for the emailed link (the same answer whoever asks). */
export function SignInScreen() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [state, request] = useMutation(RequestSignInLinkDocument);

  function submit(event: FormEvent) {
    event.preventDefault();
    void request({ email }).then((result) => setSent(!result.error));
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner">
          <p className="header__title">
            <span className="header__campaign">{campaignName()}</span> <span className="header__app">Organise</span>
          </p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main narrow">
        <ScreenHeading title="Sign in">Sign in</ScreenHeading>
        <p>The dashboard is for the campaign’s organisers. We email you a link to sign in; it works once, for 15 minutes.</p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="sign-in-email">Email address</label>
            <input
              id="sign-in-email"
              type="email"
              autoComplete="email"
              required
              value={email}
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? 'sign-in-error' : undefined}
              onChange={(event) => setEmail(event.target.value)}
            />
            {state.error ? (
              <p className="error" id="sign-in-error" role="alert">
                {errorText(state.error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={state.fetching}>
            Email me a sign-in link
          </button>
        </form>
        <div role="status">
          {sent ? (
            <p className="notice">
              Check your email. If the address belongs to a member, a sign-in link is on its way: open it on this
              device.
            </p>
          ) : null}
        </div>
      </main>
    </>
  );
}
