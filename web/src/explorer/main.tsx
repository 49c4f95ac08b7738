import './workers';
// GraphiQL's styles without the Roboto and Fira Code fonts `graphiql/style.css` inlines (330 KB
// gzipped): explorer.css sets system fonts instead. Monaco's own CSS comes with its modules.
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionStore } from '../session/session-store';
import { Explorer } from './Explorer';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Explorer store={new SessionStore()} />
  </StrictMode>,
);
