/** The web worker entry: one engine served through comlink. */
import { serve } from './api.ts';

serve();
