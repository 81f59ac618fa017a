import { createRoot } from 'react-dom/client';
import { App } from './app';
import { resume } from './auth/session';

// a session kept over a reload is resumed before the first page decides where to go
void resume().finally(() => createRoot(document.getElementById('root')!).render(<App />));
