// Applies migrations/ to the test D1 before each file (idempotent: applied
// ones are recorded in d1_migrations, as `wrangler d1 migrations apply` does).
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
