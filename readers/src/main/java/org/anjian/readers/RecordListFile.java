package org.anjian.readers;

import java.nio.file.Path;

import org.anjian.readers.lists.ListKind;

/**
 * A record-level list (隐患台账, 执法检查明细, 企业名录库, 联络员名单): a list header within the first 30
 * rows of {@code sheet}; the file is within the list-sized limits. Its rows are streamed
 * by {@code ListFileReader}.
 *
 * @param kind the list kind its header shows
 * @param sheet the sheet that decided
 * @param submitter the 填报单位 written above its header, or null
 */
public record RecordListFile(Path path, String format, ListKind kind, String sheet,
		String submitter) implements SubmissionFile {
}
