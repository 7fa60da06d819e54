// One error shape for every route: `{"error": "<clear message>"}` with a 4xx
// status for bad input; anything unexpected is a generic 500 (detail logged,
// never sent).
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends HTTPException {
  constructor(status: ContentfulStatusCode, message: string) {
    super(status, { message });
  }
}

export const errorBody = (message: string) => ({ error: message });
