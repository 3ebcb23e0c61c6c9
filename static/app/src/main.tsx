import '@atlaskit/css-reset';
import './styles.css';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// Jira applies its light or dark theme and the design-token CSS to the frame once the app asks for it.
void view.theme.enable();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
