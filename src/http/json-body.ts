// Reading a JSON request body safely: size cap (413), content type (415),
// malformed JSON (400), then zod validation (400 with the first problem).
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.js';

export async function jsonBody<T extends z.ZodType>(c: Context, schema: T, maxBytes: number): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new ApiError(415, 'Content-Type must be application/json');
  }
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > maxBytes) throw new ApiError(413, `Request body is larger than ${maxBytes} bytes`);
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw new ApiError(413, `Request body is larger than ${maxBytes} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(buffer));
  } catch {
    throw new ApiError(400, 'Request body is not valid JSON');
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, `${where}${issue?.message ?? 'invalid request body'}`);
  }
  return result.data;
}
