import { Link } from 'wouter';
import { ScreenHeading } from '../Heading';

export function NotFound() {
  return (
    <>
      <ScreenHeading title="Page not found">Page not found</ScreenHeading>
      <p>
        There is nothing at this address. <Link href="/">Go to the dashboard’s home</Link>.
      </p>
    </>
  );
}
