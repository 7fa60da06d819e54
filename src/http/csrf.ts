// CSRF protection for the staff forms: hono's csrf middleware (a form post
// must come from this origin, by Origin or Sec-Fetch-Site), with the refusal
// in the app's JSON error shape.
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors.js';

export function staffCsrf(): MiddlewareHandler {
  const check = csrf();
  return async (c, next) => {
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (err) {
      // Only the check's own refusal is re-worded; errors after it pass through.
      if (!passed && err instanceof HTTPException && err.status === 403) {
        throw new ApiError(403, 'Cross-site form posts to the staff pages are refused');
      }
      throw err;
    }
  };
}
