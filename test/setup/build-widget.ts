// Vitest global setup: build the widget from widget/ before any test, so the
// tests (and the app they import) always serve the current source, also on a
// fresh clone that only ran `npm ci && npm test`.
import { buildWidget } from '../../scripts/build-widget.js';

export default async function setup() {
  await buildWidget();
}
