// Vitest global setup for the workerd suite: a real HTTP mail API on
// 127.0.0.1 in the Node process (test/helpers/mail-api.ts). Tests inside
// workerd cannot listen on a socket, but their outbound fetch reaches
// loopback, so they get its address with inject('mailApiUrl').
import type { TestProject } from 'vitest/node';
import { startMailApi } from '../helpers/mail-api.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mailApiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const api = await startMailApi();
  project.provide('mailApiUrl', api.url);
  return () => api.close();
}
