/**
 * The HTTP contract of a migration import run (issue 16 item 1), shared by every service that lets a
 * municipality move in with its history: the file's format from {@code Content-Type} ({@link ImportFormat}),
 * {@code Prefer: wait=N} ({@link PreferWait}), a row's outcome and the run's row filter ({@link ImportRowStatus}),
 * the answer to a POST (201 done / 202 running, {@link ImportRunAnswers}) and the reading of NDJSON / CSV rows into
 * text fields with their row numbers ({@link ImportFiles}). What a row means, how it is checked and stored, the
 * run's tables and response records stay in the service: no domain rule lives here.
 */
package se.kvalitet.web.imports;
