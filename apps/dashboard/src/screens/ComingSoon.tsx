export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p>This screen is coming soon. Until then, the GraphQL API at /graphql does everything it will.</p>
    </>
  );
}
