import { z } from 'zod';

// The page's CSP forbids eval. zod probes for it with `new Function` when the first object schema
// is defined; the probe is caught, but Chromium still reports a CSP violation. Imported first by
// main.tsx, so it runs before any schema module.
z.config({ jitless: true });
