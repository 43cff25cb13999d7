// Bounds shared by the file schema and the command line, kept apart so the CLI need not load zod.

/** Longest WPS wait we accept; the protocol's walk time is 120 s, an hour is surely a typo. */
export const MAX_TIMEOUT_SECONDS = 3600;
