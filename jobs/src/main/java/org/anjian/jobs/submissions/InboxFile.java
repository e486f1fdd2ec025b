package org.anjian.jobs.submissions;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * A file found in the inbox, not yet recorded in {@code audit_file}.
 *
 * @param file absolute path (read, never modified)
 * @param path path relative to the inbox with '/' separators, as stored in audit_file
 * @param sha256 hex SHA-256 of its bytes
 * @param receivedAt last-modified time as Asia/Shanghai wall-clock, to the second
 * @param sizeBytes size in bytes
 */
public record InboxFile(Path file, String path, String sha256, LocalDateTime receivedAt, long sizeBytes) {
}
