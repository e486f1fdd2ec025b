package org.anjian.jobs.submissions;

import java.nio.file.Path;
import java.util.Optional;

import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Submitter;

/**
 * Who a file says sent it, read exactly as the intake will (the readers' front door, then
 * the intake's recognizer: a table's 填报单位 line, a list's, else the folder and file names
 * of {@code path}), before the file goes into the inbox: the workbench refuses a clerk's
 * upload that names another submitter. Empty when nothing names a submitter (the intake
 * then rejects the file saying so) or the file cannot be read.
 */
public final class UploadSender {

	private final SubmissionFiles frontDoor = new SubmissionFiles();

	private final SummaryTableFileReader summaries = new SummaryTableFileReader();

	private final SubmissionRecognizer recognizer;

	public UploadSender(ReferenceData reference) {
		this.recognizer = new SubmissionRecognizer(reference);
	}

	/**
	 * @param file the uploaded file
	 * @param path the path it would have relative to the inbox (its folder names the
	 * uploader, as a mailed file's folder does)
	 */
	public Optional<Submitter> of(Path file, String path) {
		try {
			SubmissionFile opened = frontDoor.open(file);
			if (opened instanceof RecordListFile list) {
				return recognizer.listSubmitter(list.submitter(), path);
			}
			SubmissionRead read = summaries.read(opened);
			return read.hasTable() ? Optional.ofNullable(recognizer.recognize(read.table(), path).submitter())
					: Optional.empty();
		}
		catch (RuntimeException ex) {
			// the intake reads it again and records why it cannot
			return Optional.empty();
		}
	}

}
