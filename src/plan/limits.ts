// Bounds shared by the file schema and the command line, kept apart so the CLI need not load zod.

/** Longest WPS wait we accept; the protocol's walk time is 120 s, an hour is surely a typo. */
export const MAX_TIMEOUT_SECONDS = 3600;

/** Largest provisioning file we read; real files are a few KiB, anything huge is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;
