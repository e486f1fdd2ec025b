package org.anjian.jobs.submissions;

import org.anjian.writers.submissions.AuditedFile.HeaderCell;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.readers.CellValue;
import org.anjian.readers.Finding;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SubmissionFileReader;
import org.anjian.readers.SubmissionRead;
import org.anjian.readers.SummaryTable;
import org.anjian.readers.TableRow;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.documents.DocumentFiles;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.ListKind;
import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.writers.submissions.AuditedFile;
import org.anjian.writers.submissions.AuditedFile.FactLine;
import org.anjian.writers.submissions.SubmissionHistory.PreviousTable;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.submissions.DocumentWriter.ReceivedDocument;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads one inbox file, recognises who sent it for which campaign and month, and checks
 * it (审核): the result is an {@link AuditedFile} that is either accepted with its industry
 * rows or rejected with its reasons. A record-level list (its first rows show a list
 * header) is only recognised here and becomes a {@link ListSubmission}, whose rows its
 * writer streams. Every file it read ends in audit_file; the one exception is a file that
 * changed while it was read (still being written): it is filtered out unrecorded and
 * reported as skipped, so the next run reads it whole.
 */
class SubmissionAuditProcessor implements ItemProcessor<InboxFile, IntakeItem> {

	/**
	 * The earlier cumulative figures of a submitter: (submitter, campaign, month) → the
	 * latest earlier table's month and its industry → measure → value.
	 */
	@FunctionalInterface
	interface PreviousFigures {

		PreviousTable before(String submitterCode, String campaign, YearMonth period);

	}

	private final SubmissionFileReader reader;

	private final SubmissionFiles files;

	private final SubmissionRecognizer recognizer;

	private final SubmissionChecks checks;

	private final DeadlineCalendar calendar;

	private final PreviousFigures previousFigures;

	private final BiConsumer<String, String> skipped;

	/**
	 * The header of a submitter's latest accepted table of a form received before a time:
	 * measure code → header cell ({@code TEMPLATE_CHANGED}).
	 */
	@FunctionalInterface
	interface PreviousHeader {

		Map<String, HeaderCell> before(String submitterCode, String form, java.time.LocalDateTime receivedAt);

	}

	private final PreviousHeader previousHeader;

	private final DeliverableRecognizer deliverables;

	private final ReaderLimits documentLimits;

	SubmissionAuditProcessor(SubmissionFileReader reader, SubmissionFiles files, ReferenceData reference,
			MeasureCatalog catalog, PreviousFigures previousFigures, BiConsumer<String, String> skipped) {
		this(reader, files, reference, catalog, previousFigures, skipped, ReaderLimits.defaults());
	}

	/**
	 * @param documentLimits the inflation limits a .docx's first page is read within
	 */
	SubmissionAuditProcessor(SubmissionFileReader reader, SubmissionFiles files, ReferenceData reference,
			MeasureCatalog catalog, PreviousFigures previousFigures, BiConsumer<String, String> skipped,
			ReaderLimits documentLimits) {
		this(reader, files, reference, catalog, previousFigures, (submitter, form, at) -> Map.of(), skipped,
				documentLimits);
	}

	/**
	 * @param previousHeader the header of the submitter's previous accepted table of the
	 * form, compared with the table's ({@code TEMPLATE_CHANGED})
	 */
	SubmissionAuditProcessor(SubmissionFileReader reader, SubmissionFiles files, ReferenceData reference,
			MeasureCatalog catalog, PreviousFigures previousFigures, PreviousHeader previousHeader,
			BiConsumer<String, String> skipped, ReaderLimits documentLimits) {
		this.previousHeader = previousHeader;
		this.skipped = skipped;
		this.documentLimits = documentLimits;
		this.reader = reader;
		this.files = files;
		this.recognizer = new SubmissionRecognizer(reference);
		this.deliverables = new DeliverableRecognizer(reference, recognizer);
		this.checks = new SubmissionChecks(catalog);
		this.calendar = new DeadlineCalendar(reference.holidays());
		this.previousFigures = previousFigures;
	}

	@Override
	public IntakeItem process(InboxFile file) {
		SubmissionFile opened = files.open(file.file());
		if (opened instanceof RecordListFile list) {
			return listSubmission(file, list);
		}
		// with deliverables.csv, a document may be a deliverable: recorded as received,
		// or rejected saying why; without it, rejected as any other non-spreadsheet
		if (opened instanceof UnreadableFile unreadable && !unreadable.beyondLimits()
				&& deliverables.acceptsDocuments()) {
			Optional<DocumentFiles.Document> document = DocumentFiles.open(file.file(), documentLimits);
			if (document.isPresent()) {
				return document(file, document.get());
			}
		}
		// a summary table, or a file the front door could not read (beyond a limit: the
		// read rejects it with that limit); checked when the writer lands it
		return summary(file, opened);
	}

	private IntakeItem document(InboxFile file, DocumentFiles.Document document) {
		if (changedSinceListed(file)) {
			skipped.accept(file.path(), "文件在读取过程中发生了变化（可能仍在写入），留待下次运行处理");
			return null;
		}
		DeliverableRecognizer.Recognised r = deliverables.recognise(document, file.path(), file.receivedAt());
		String submitterCode = r.submitter() == null ? null : r.submitter().code();
		if (!r.received()) {
			return new SummarySubmission(file,
					new AuditedFile(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(), document.format(),
							false, submitterCode, null, null, null, null, null, r.findings(), List.of()));
		}
		// period NULL: a document never takes part in a table's versions
		AuditLedger.Entry entry = new AuditLedger.Entry(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(),
				document.format(), submitterCode, r.campaign(), null, null, null, null);
		return new DocumentSubmission(file, new ReceivedDocument(entry, r.receipts(), r.findings()));
	}

	private ListSubmission listSubmission(InboxFile file, RecordListFile sniff) {
		Optional<Submitter> submitter = recognizer.listSubmitter(sniff.submitter(), file.path());
		List<Finding> findings = new ArrayList<>();
		boolean needsSubmitter = sniff.kind() == ListKind.HAZARD_LEDGER || sniff.kind() == ListKind.INSPECTION_RECORD;
		if (submitter.isEmpty() && needsSubmitter) {
			String written = sniff.submitter() == null ? "" : sniff.submitter();
			findings.add(Finding.error("UNKNOWN_SUBMITTER", sniff.sheet(), null, "填报单位",
					written.isBlank() ? "无法识别《" + sniff.kind().label() + "》的填报单位：表头上方没有“填报单位”，文件名和文件夹名中也没有可识别的单位名称"
							: "无法识别《" + sniff.kind().label() + "》的填报单位“" + written + "”：不在" + recognizer.ours()
									+ "填报单位名单（submitters.csv）中"));
		}
		return new ListSubmission(file, sniff, submitter.map(Submitter::code).orElse(null), List.copyOf(findings));
	}

	/**
	 * Reads the table now, with the checks that compare it with nothing earlier; the rest
	 * run when the writer asks ({@link SummarySubmission#audit}), since they compare it
	 * with the submitter's tables written before it. Null when the file changed while it
	 * was read.
	 */
	private SummarySubmission summary(InboxFile file, SubmissionFile opened) {
		SubmissionRead read;
		try {
			read = reader.read(opened);
		}
		catch (RuntimeException ex) {
			// A reader must not throw for bad content; if one does, the file is still
			// recorded, never lost.
			read = new SubmissionRead("unknown", null,
					List.of(Finding.error("FILE_UNREADABLE", null, null, null, "文件无法读取：" + ex.getClass().getSimpleName()
							+ (ex.getMessage() == null ? "" : "：" + ex.getMessage()))));
		}
		if (changedSinceListed(file)) {
			skipped.accept(file.path(), "文件在读取过程中发生了变化（可能仍在写入），留待下次运行处理");
			return null;
		}
		SubmissionRead table = read;
		Ahead ahead = ahead(file, table);
		return new SummarySubmission(file, () -> checked(file, table, ahead));
	}

	/** The table read checked against the reference data and the earlier tables. */
	private AuditedFile checked(InboxFile file, SubmissionRead read, Ahead ahead) {
		try {
			return audit(file, read, ahead);
		}
		catch (RuntimeException ex) {
			// a check that trips over odd content must not stop the run: the file is
			// rejected with the reason
			return audited(file, read.format(), null, null,
					List.of(Finding.error("CHECK_FAILED", null, null, null,
							"审核过程中出错，文件未入库（" + ex.getClass().getSimpleName()
									+ (ex.getMessage() == null ? "" : "：" + ex.getMessage()) + "），请联系"
									+ recognizer.ours().substring(1) + "安委办")),
					List.of());
		}
	}

	/**
	 * What the checks find without the earlier tables, worked out on the processing
	 * thread as the table is read (the writer's thread, which all files wait for, ran
	 * them all: issue 18 part 5), each part in the order {@link #audit} adds it. A check
	 * that throws ends it: {@link #reached} throws that failure at the same point of
	 * {@link #audit}, after the same look-ups of earlier tables, as if it ran there.
	 */
	private static final class Ahead {

		/** The parts in {@link #audit}'s order; {@link #done} counts those worked out. */
		static final int RECOGNISED = 1, OWN = 2, LATE = 3, MONTH_ROWS = 4, LINES = 5;

		Recognition recognition;

		/** The recognition's findings, then the rows' (empty, unit rows, industries). */
		final List<Finding> front = new ArrayList<>();

		final Map<TableRow, String> industries = new LinkedHashMap<>();

		/** mandatory, advisory and rates. */
		final List<Finding> own = new ArrayList<>();

		List<Finding> late = List.of();

		/** A unit's 本月数 checked against nothing (no earlier table asked). */
		List<Finding> monthRows = List.of();

		final List<FactLine> lines = new ArrayList<>();

		final List<FactLine> monthLines = new ArrayList<>();

		int done;

		RuntimeException failed;

		void reached(int part) {
			if (done < part) {
				throw failed;
			}
		}

	}

	private Ahead ahead(InboxFile file, SubmissionRead read) {
		Ahead a = new Ahead();
		if (!read.hasTable()) {
			return a;
		}
		SummaryTable table = read.table();
		try {
			Recognition recognition = recognizer.recognize(table, file.path());
			a.recognition = recognition;
			a.front.addAll(recognition.findings());
			Map<String, Integer> firstRowOf = new HashMap<>();
			if (table.rows().isEmpty()) {
				a.front.add(Finding.error("EMPTY_TABLE", table.sheet(), null, null,
						table.unitRows() ? "表中没有“累计数”行" : "表中没有任何行业数据行"));
			}
			if (table.unitRows()) {
				unitRow(table, a.industries, a.front);
			}
			for (TableRow row : table.unitRows() ? List.<TableRow>of() : table.rows()) {
				Optional<Industry> industry = recognizer.industry(row.label());
				if (industry.isEmpty()) {
					a.front.add(Finding.error("UNKNOWN_INDUSTRY", table.sheet(), row.rowNumber(), row.labelColumn(),
							unknownIndustry(row, recognition.submitter())));
					continue;
				}
				Integer earlier = firstRowOf.putIfAbsent(industry.get().code(), row.rowNumber());
				if (earlier != null) {
					a.front.add(Finding.error("DUPLICATE_INDUSTRY", table.sheet(), row.rowNumber(), row.labelColumn(),
							"第" + row.rowNumber() + "行：行业“" + row.label() + "”与第" + earlier + "行重复（都是“"
									+ industry.get().name() + "”）"));
					continue;
				}
				a.industries.put(row, industry.get().code());
			}
			a.done = Ahead.RECOGNISED;
			a.own.addAll(checks.mandatory(table));
			a.own.addAll(checks.advisory(table));
			a.own.addAll(checks.rates(table));
			a.done = Ahead.OWN;
			if (recognition.campaign() != null && recognition.period() != null) {
				// no table is owed before the campaign's report_from: it cannot be late
				LocalDate deadline = recognition.campaign().owes(recognition.period())
						? calendar.deadline(recognition.campaign(), recognition.period()) : null;
				a.late = checks.late(table, file.receivedAt(), deadline,
						RollupRequest
							.scheduled(recognition.campaign(), recognition.period(), RollupKind.MONTH_END, calendar)
							.asOf());
			}
			a.done = Ahead.LATE;
			if (table.unitRows() && !monthRowsAgainstEarlier(recognition)) {
				a.monthRows = checks.monthRows(table, null, null);
			}
			a.done = Ahead.MONTH_ROWS;
			a.industries.forEach((row, industry) -> {
				Map<String, BigDecimal> measures = new LinkedHashMap<>();
				for (Map.Entry<String, CellValue> e : row.cells().entrySet()) {
					measures.put(e.getKey(), e.getValue().number());
				}
				a.lines.add(new FactLine(row.rowNumber(), industry, measures));
			});
			if (table.unitRows() && a.industries.size() == 1) {
				for (TableRow row : table.monthRows()) {
					Map<String, BigDecimal> measures = new LinkedHashMap<>();
					row.cells().forEach((code, cell) -> measures.put(code, cell.number()));
					a.monthLines.add(new FactLine(row.rowNumber(), UNIT_INDUSTRY, measures));
				}
			}
			a.done = Ahead.LINES;
		}
		catch (RuntimeException ex) {
			a.failed = ex;
		}
		return a;
	}

	/**
	 * Whether a unit's 本月数 are checked against its earlier table (the submitter, campaign
	 * and month are known), else against nothing.
	 */
	private static boolean monthRowsAgainstEarlier(Recognition recognition) {
		return recognition.campaign() != null && recognition.period() != null && recognition.submitter() != null;
	}

	private AuditedFile audit(InboxFile file, SubmissionRead read, Ahead ahead) {
		List<Finding> findings = new ArrayList<>(read.findings());
		if (!read.hasTable()) {
			return audited(file, read.format(), null, null, findings, List.of());
		}
		SummaryTable table = read.table();
		ahead.reached(Ahead.RECOGNISED);
		Recognition recognition = ahead.recognition;
		findings.addAll(ahead.front);
		if (recognition.submitter() != null && table.formId() != null) {
			findings.addAll(TemplateDrift.against(table, header(table),
					previousHeader.before(recognition.submitter().code(), table.formId(), file.receivedAt()),
					findings));
		}
		ahead.reached(Ahead.OWN);
		findings.addAll(ahead.own);
		ahead.reached(Ahead.LATE);
		if (recognition.campaign() != null && recognition.period() != null) {
			findings.addAll(ahead.late);
			if (recognition.submitter() != null) {
				PreviousTable previous = previousFigures.before(recognition.submitter().code(),
						recognition.campaign().code(), recognition.period());
				findings.addAll(checks.decreases(table, previous.figures(), ahead.industries::get, "此前月份"));
				if (table.unitRows()) {
					findings.addAll(monthRows(table, recognition, previous));
				}
			}
		}
		ahead.reached(Ahead.MONTH_ROWS);
		findings.addAll(ahead.monthRows);
		ahead.reached(Ahead.LINES);
		return audited(file, read.format(), table, recognition, findings, ahead.lines, ahead.monthLines);
	}

	/**
	 * The industry code of a unit's own row (F-003-II): it counts in the 合计 rows only.
	 */
	static final String UNIT_INDUSTRY = "ALL";

	/**
	 * A form whose rows are units (F-003-II): one table per unit, so exactly one 累计数 row
	 * (and at most one 本月数 row), landed as the unit's 合计.
	 */
	private static void unitRow(SummaryTable table, Map<TableRow, String> industries, List<Finding> findings) {
		for (List<TableRow> rows : List.of(table.rows(), table.monthRows())) {
			if (rows.size() > 1) {
				TableRow second = rows.get(1);
				findings.add(Finding.error("UNIT_ROWS", table.sheet(), second.rowNumber(), second.labelColumn(),
						"第" + second.rowNumber() + "行：表中有 " + rows.size() + " 行"
								+ (rows == table.rows() ? "累计数" : "本月数") + "（第"
								+ String.join("、", rows.stream().map(r -> String.valueOf(r.rowNumber())).toList())
								+ "行）；本表每个单位（部门）报一张，只填本单位的本月数、累计数各一行"));
			}
		}
		if (table.rows().size() == 1 && table.monthRows().size() <= 1) {
			industries.put(table.rows().get(0), UNIT_INDUSTRY);
		}
	}

	/**
	 * The 本月数 check against the unit's table of the month before: checked when that table
	 * is loaded, or against nothing in the campaign's first month.
	 */
	private List<Finding> monthRows(SummaryTable table, Recognition recognition, PreviousTable previous) {
		YearMonth period = recognition.period();
		if (period.equals(recognition.campaign().firstMonth())) {
			return checks.monthRows(table, Map.of(), null);
		}
		if (period.minusMonths(1).equals(previous.period())) {
			return checks.monthRows(table, previous.figures().getOrDefault(UNIT_INDUSTRY, Map.of()),
					SubmissionRecognizer.label(previous.period()));
		}
		return checks.monthRows(table, null, null);
	}

	/**
	 * The same rule for every sender; the message names the sender when it is known,
	 * since a lower level's own table (a county's 统计汇总表 read by its city) may carry an
	 * industry the upper level does not list.
	 */
	private String unknownIndustry(TableRow row, Submitter sender) {
		String message = "第" + row.rowNumber() + "行：行业“" + row.label() + "”不在" + recognizer.ours()
				+ "行业名单中（industries.csv），请使用规定的行业名称";
		return sender == null ? message
				: message + "（填报单位：" + sender.name() + "；如" + recognizer.ours() + "也统计此行业，请在 industries.csv 中增加它或它的别名）";
	}

	/**
	 * Size or mtime differ from the listing's, or the file is gone or replaced by a link.
	 */
	static boolean changedSinceListed(InboxFile file) {
		try {
			BasicFileAttributes now = Files.readAttributes(file.file(), BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return !now.isRegularFile() || now.size() != file.sizeBytes()
					|| !java.time.LocalDateTime.ofInstant(now.lastModifiedTime().toInstant(), OfficeTime.ZONE)
						.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
						.equals(file.receivedAt());
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static AuditedFile audited(InboxFile file, String format, SummaryTable table, Recognition r,
			List<Finding> findings, List<FactLine> lines) {
		return audited(file, format, table, r, findings, lines, List.of());
	}

	private static AuditedFile audited(InboxFile file, String format, SummaryTable table, Recognition r,
			List<Finding> findings, List<FactLine> lines, List<FactLine> monthLines) {
		boolean accepted = table != null && findings.stream().noneMatch(Finding::isError);
		return new AuditedFile(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(), format, accepted,
				r == null || r.submitter() == null ? null : r.submitter().code(),
				r == null || r.campaign() == null ? null : r.campaign().code(), r == null ? null : r.period(),
				r == null || r.submitter() == null ? null : r.submitter().regionCode(),
				table == null ? null : table.sheet(), table == null ? null : table.formId(), List.copyOf(findings),
				accepted ? lines : List.of(), accepted ? monthLines : List.of(),
				table == null ? List.of() : List.copyOf(header(table).values()),
				table == null ? null : table.explanation());
	}

	/** The table's measure headers as written: measure code → header cell. */
	static Map<String, HeaderCell> header(SummaryTable table) {
		Map<String, HeaderCell> out = new LinkedHashMap<>();
		if (table.headerRow() <= 0) {
			return out;
		}
		table.headerColumns()
			.keySet()
			.forEach(code -> out.put(code,
					new HeaderCell(code, table.headerCell(code), table.headerTexts().getOrDefault(code, ""))));
		return out;
	}

}
