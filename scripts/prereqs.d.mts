// Types for scripts/prereqs.mjs (plain JavaScript so it runs before any dependency).
export declare const DEFAULT_CHROMIUM: string;
export declare function chromiumPath(env?: NodeJS.ProcessEnv): string;
export declare function chromiumProblem(env?: NodeJS.ProcessEnv): string | undefined;
export declare function firstProblem(env?: NodeJS.ProcessEnv): string | undefined;
