import { useQuery } from 'urql';
import { Link } from 'wouter';
import { errorText, formatDate } from '../api';
import { BarChart, dayLabel, everyDay } from '../BarChart';
import { graphql } from '../gql';
import { ScreenHeading } from '../Heading';
import { useBranch, withBranch } from '../session';

const HomeDocument = graphql(`
  query Home($branchId: ID!, $branchSlug: String!) {
    petitions(branchSlug: $branchSlug, status: OPEN, first: 10) {
      edges {
        node {
          id
          title
          signatureCount
          goal
        }
      }
    }
    events(branchSlug: $branchSlug, first: 5) {
      edges {
        node {
          id
          title
          startsAtLocal
        }
      }
    }
    members(branchId: $branchId, first: 5) {
      totalCount
      edges {
        node {
          id
          fullName
          joinedAt
        }
      }
    }
  }
`);

const ActivityDocument = graphql(`
  query HomeActivity($branchId: ID!, $days: Int!) {
    branchSignaturesByDay(branchId: $branchId, days: $days) {
      key
      count
    }
    branchLettersByDay(branchId: $branchId, days: $days) {
      key
      count
    }
    pledges(branchId: $branchId, status: SUBMITTED, first: 1) {
      totalCount
    }
  }
`);

const DAYS = 28;

export function Home() {
  const { id, branch } = useBranch();
  const [{ data, error, fetching }] = useQuery({
    query: HomeDocument,
    variables: { branchId: id ?? '', branchSlug: branch?.slug ?? '' },
    pause: !branch,
  });

  return (
    <>
      <ScreenHeading title="Home">{branch ? branch.name : 'Home'}</ScreenHeading>
      {!branch ? <p>Choose one of your branches to see what is happening there.</p> : null}
      {error ? (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {fetching && !data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : null}
      {data ? (
        <>
          <div className="cards">
            <section className="card" aria-labelledby="home-petitions">
              <h2 id="home-petitions">Open petitions</h2>
              {data.petitions.edges.length === 0 ? (
                <p>No open petitions.</p>
              ) : (
                <ul className="plain">
                  {data.petitions.edges.map(({ node }) => (
                    <li key={node.id}>
                      <strong>{node.title}</strong>: {node.signatureCount.toLocaleString('en-GB')} of{' '}
                      {node.goal.toLocaleString('en-GB')} signatures
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="home-events">
              <h2 id="home-events">Coming events</h2>
              {data.events.edges.length === 0 ? (
                <p>No published events coming up.</p>
              ) : (
                <ul className="plain">
                  {data.events.edges.map(({ node }) => (
                    <li key={node.id}>
                      <strong>{node.title}</strong>, {node.startsAtLocal}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="home-joins">
              <h2 id="home-joins">Recent joins</h2>
              <p>{data.members.totalCount.toLocaleString('en-GB')} members in all.</p>
              <ul className="plain">
                {data.members.edges.map(({ node }) => (
                  <li key={node.id}>
                    {node.fullName}, {formatDate(node.joinedAt)}
                  </li>
                ))}
              </ul>
              <p>
                <Link href={withBranch('/members', id)}>See all members</Link>
              </p>
            </section>
          </div>
          {id ? <Activity branchId={id} /> : null}
        </>
      ) : null}
    </>
  );
}

/** The last four weeks in the branch: signatures and letters by day, and pledges to verify. */
function Activity({ branchId }: { branchId: string }) {
  const [{ data, error }] = useQuery({ query: ActivityDocument, variables: { branchId, days: DAYS } });
  if (error) {
    return (
      <p className="error" role="alert">
        {errorText(error)}
      </p>
    );
  }
  if (!data) {
    return null;
  }
  const waiting = data.pledges.totalCount;
  return (
    <section aria-labelledby="home-activity" className="panel">
      <h2 id="home-activity">The last four weeks</h2>
      <p>
        <Link href={withBranch('/pledges', branchId)}>
          {waiting === 0
            ? 'No pledges waiting for verification'
            : `${waiting.toLocaleString('en-GB')} pledge${waiting === 1 ? '' : 's'} waiting for verification`}
        </Link>
      </p>
      <div className="charts">
        <BarChart
          title="Signatures by day"
          bars={everyDay(data.branchSignaturesByDay, DAYS)}
          keyHeading="Day"
          countHeading="Signatures"
          label={dayLabel}
        />
        <BarChart
          title="Letters written by day"
          bars={everyDay(data.branchLettersByDay, DAYS)}
          keyHeading="Day"
          countHeading="Letters"
          label={dayLabel}
        />
      </div>
    </section>
  );
}
