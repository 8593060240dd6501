import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { cacheExchange, Client, fetchExchange, Provider } from 'urql';
import { App } from './App';
import './styles.css';

/**
 * GraphQL from our own origin. The session is the httpOnly cookie the sign-in page set; every
 * request is a POST with Content-Type: application/json, which Apollo's CSRF prevention accepts
 * (a GET, urql's default for short queries, would be refused).
 */
const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  fetchOptions: { credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <App />
    </Provider>
  </StrictMode>,
);
