// JSON over fetch to the service. Never throws: network failures come back as
// status 0 so the UI can always replace its spinner with a message.
export interface Source { title: string; url: string }
export interface Reply {
  conversationId: string;
  answer: string;
  sources: Source[];
  escalated: boolean;
  suggestions?: string[];
  escalationId?: string;
  error?: string;
}

export async function post<T>(url: string, body: unknown): Promise<{ status: number; data: Partial<T> & { error?: string } }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 20_000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: ctl.signal,
    });
    return { status: res.status, data: await res.json().catch(() => ({})) };
  } catch {
    return { status: 0, data: {} };
  } finally {
    clearTimeout(timer);
  }
}

/** What to tell the visitor when a request did not succeed. */
export function trouble(status: number, error?: string): string {
  if (status === 0) return "I couldn't reach the assistant. Check your connection and try again.";
  if (status === 429) return 'Lots of questions right now. Please wait a few seconds and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return error || 'Sorry, that could not be sent.';
}
