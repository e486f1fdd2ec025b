package org.anjian.jobs.submissions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.lists.ListWriter;

/**
 * One record-level list file through the intake step's own classes, outside a job: hashed
 * as {@link InboxFileItemReader} hashes an inbox file, recognised behind the list-sized
 * limits by {@link SubmissionAuditProcessor}, streamed into the warehouse by
 * {@link ListSubmissionWriter}. The benchmark times this, so what it measures is the
 * intake itself, not a copy of it. One file at a time.
 */
public final class ListIntake {

	/**
	 * Where one ingest's time goes: each is called as its phase ends, in this order;
	 * {@link #read()} only when the rows were read (not for a file rejected before its
	 * rows, a duplicate, or a read past the time limit).
	 */
	public interface Phases {

		Phases NONE = new Phases() {
		};

		default void hashed() {
		}

		default void recognised() {
		}

		/** The rows are read, checked and handed to the loader; the commit follows. */
		default void read() {
		}

	}

	private final SubmissionAuditProcessor processor;

	private final ListSubmissionWriter writer;

	private ListIntake(SubmissionAuditProcessor processor, ListSubmissionWriter writer) {
		this.processor = processor;
		this.writer = writer;
	}

	/**
	 * The processor and list writer built from {@link IntakeReaders}, as the intake
	 * step's are.
	 * @param warehouse with its schema (and, as the job's referenceLoad step leaves it,
	 * the reference data)
	 * @param reference who may send what: a ledger whose sender it does not know is
	 * rejected
	 * @param settings the limits and the list time limit, as the intake step has them
	 */
	public static ListIntake of(Warehouse warehouse, ReferenceData reference, IntakeSettings settings) {
		IntakeReaders readers = IntakeReaders.of(settings);
		return new ListIntake(readers.processor(reference, warehouse, (path, reason) -> {
		}), readers.listWriter(new ListWriter(warehouse), null));
	}

	/** {@link #ingest(Path, Phases)} without timing. */
	public String ingest(Path file) throws IOException {
		return ingest(file, Phases.NONE);
	}

	/**
	 * Loads one list file, its folder taken for the inbox (audit_file.path is the file
	 * name), in one DuckDB transaction.
	 * @return its audit status (loaded, superseded, duplicate, rejected), or null when
	 * the file changed while it was read and nothing of it was committed
	 * @throws IllegalArgumentException for a file that is no list (a summary table, or
	 * beyond even the list limits)
	 */
	public String ingest(Path file, Phases phases) throws IOException {
		InboxFile inboxFile = inboxFile(file);
		phases.hashed();
		IntakeItem item = processor.process(inboxFile);
		if (!(item instanceof ListSubmission list)) {
			throw new IllegalArgumentException("不是明细清单：" + file
					+ (item instanceof SummarySubmission summary ? " " + summary.audited().findings() : ""));
		}
		phases.recognised();
		return writer.write(list, phases::read);
	}

	/**
	 * The file as the inbox reader hands it out: never through a link, received at its
	 * mtime to the second.
	 */
	private static InboxFile inboxFile(Path file) throws IOException {
		Path absolute = file.toAbsolutePath().normalize();
		BasicFileAttributes attrs = Files.readAttributes(absolute, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		if (!attrs.isRegularFile()) {
			throw new IllegalArgumentException("不是普通文件：" + file);
		}
		LocalDateTime received = LocalDateTime.ofInstant(attrs.lastModifiedTime().toInstant(), OfficeTime.ZONE)
			.truncatedTo(ChronoUnit.SECONDS);
		return new InboxFile(absolute, absolute.getFileName().toString(), InboxFileItemReader.sha256(absolute),
				received, attrs.size());
	}

}
