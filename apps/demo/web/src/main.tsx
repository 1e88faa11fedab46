import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@sessionkit/ui-components/styles.css';
import './styles/app.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
