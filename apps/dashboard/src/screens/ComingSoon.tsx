import { ScreenHeading } from '../Heading';

export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <p>This screen is coming soon. Until then, the GraphQL API at /graphql does everything it will.</p>
    </>
  );
}
