import { z } from 'zod';

// WeChat's JavaScript runtime refuses code generation (eval, new Function). zod detects that
// on its own; saying it here keeps it from probing. zod reads the flag when a schema is
// constructed, so app.ts imports this module before anything that builds a schema.
z.config({ jitless: true });
