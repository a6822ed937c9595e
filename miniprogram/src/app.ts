// Must stay the first import: see the module for why.
import './platform/zod-jitless';

import type { PropsWithChildren } from 'react';

import './app.scss';

function App({ children }: PropsWithChildren) {
  // children is the page being rendered.
  return children;
}

export default App;
