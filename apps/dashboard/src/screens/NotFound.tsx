import { Link } from 'wouter';

export function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the dashboard’s home</Link>.
      </p>
    </>
  );
}
