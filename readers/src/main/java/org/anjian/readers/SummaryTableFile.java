package org.anjian.readers;

import java.nio.file.Path;

/**
 * A 统计汇总表: a summary form's header within the first 60 rows of {@code sheet}. The front
 * door has checked the file against the summary limits already (an .xlsx's whole
 * package), so the read only builds and locates the table.
 *
 * @param formId the form whose header was found (F-000 …)
 * @param sheet the sheet that decided
 */
public record SummaryTableFile(Path path, String format, String formId, String sheet) implements SubmissionFile {
}
