package org.anjian.jobs.submissions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anjian.readers.Finding;
import org.anjian.readers.documents.DocumentFiles;
import org.anjian.readers.documents.DocumentFiles.Document;
import org.anjian.readers.forms.HeaderText;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Deliverable;
import org.anjian.warehouse.reference.ReferenceData.Due;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.writers.ledger.AuditLedger;
import org.anjian.writers.submissions.DocumentWriter.Receipt;

/**
 * Which deliverables (deliverables.csv) a document is: who sent it (folder and file
 * names, then its first page), and which of that submitter's deliverables its name — or,
 * failing that, its first page — names by a keyword. Several campaigns' deliverables are
 * told apart by a campaign title keyword in the name or first page, then by the campaign
 * running when it arrived. A quarterly deliverable's quarter is the one the text names
 * (一季度, 第二季度, Q3 …), else the one whose due day is nearest the received day.
 */
final class DeliverableRecognizer {

	/** 一季度, 第二季度, 2季度, Q3: the quarter a quarterly document reports on. */
	private static final Pattern QUARTER = Pattern.compile("(?:第?([一二三四1-4])季度|[Qq]([1-4]))");

	private static final Pattern UNIT_FIELD = Pattern.compile("(?:填报|填表|报送)单位[:：]\\s*(\\S+)");

	/** Title lines of a first page looked at for the sender. */
	private static final int TITLE_LINES = 3;

	private final ReferenceData reference;

	private final SubmissionRecognizer submitters;

	DeliverableRecognizer(ReferenceData reference, SubmissionRecognizer submitters) {
		this.reference = reference;
		this.submitters = submitters;
	}

	/**
	 * Which inbox files are not read again: every file recorded before, except, while a
	 * deliverable accepts documents, a document rejected before — deliverables.csv may
	 * name it now (it is recorded as received then; still rejected, it is left as it
	 * was).
	 */
	static BiPredicate<String, String> alreadyRecorded(AuditLedger ledger, ReferenceData reference) {
		// the ledger is read once, when the first file is asked about: the inbox's paths
		// are distinct, so no file this run records is asked about after it (a query per
		// file was a tenth of a small form's cost, issue 18 part 5)
		Map<AuditLedger.Key, String> recorded = new java.util.HashMap<>();
		boolean[] read = new boolean[1];
		java.util.function.BiFunction<String, String, Optional<String>> status = (sha256, path) -> {
			if (!read[0]) {
				recorded.putAll(ledger.statuses());
				read[0] = true;
			}
			return Optional.ofNullable(recorded.get(new AuditLedger.Key(sha256, path)));
		};
		if (reference.deliverables().stream().noneMatch(Deliverable::acceptsDocuments)) {
			return (sha256, path) -> status.apply(sha256, path).isPresent();
		}
		return (sha256, path) -> status.apply(sha256, path)
			.map(s -> !(AuditLedger.REJECTED.equals(s)
					&& DocumentFiles.hasDocumentExtension(java.nio.file.Path.of(path))))
			.orElse(false);
	}

	/**
	 * Whether any deliverable accepts documents: without one, documents stay rejected.
	 */
	boolean acceptsDocuments() {
		return reference.deliverables().stream().anyMatch(Deliverable::acceptsDocuments);
	}

	/**
	 * What a document is for.
	 *
	 * @param submitter who sent it, null when not recognised
	 * @param receipts the deliverables it is (empty: rejected with {@code findings})
	 * @param findings the errors that reject it, or the warnings it is recorded with
	 */
	record Recognised(Submitter submitter, String campaign, List<Receipt> receipts, List<Finding> findings) {

		boolean received() {
			return !receipts.isEmpty();
		}

	}

	Recognised recognise(Document document, String path, LocalDateTime receivedAt) {
		String fileName = document.path().getFileName().toString();
		String names = HeaderText.normalise(withoutExtension(path).replace('/', ' '));
		String firstPage = document.firstPage() == null ? "" : document.firstPage();
		String pageKey = HeaderText.normalise(firstPage);
		String where = document.firstPage() == null ? "文件名和文件夹名" : "文件名、文件夹名和首页";

		Optional<Submitter> sender = submitters.listSubmitter(null, path).or(() -> fromFirstPage(firstPage));
		if (sender.isEmpty()) {
			return rejected(null, Finding.error("UNKNOWN_SUBMITTER", null, null, "报送单位",
					"无法识别文档“" + fileName + "”的报送单位：" + where + "中没有本县填报单位（submitters.csv）的名称"));
		}
		Submitter submitter = sender.get();
		List<Deliverable> owed = reference.deliverables()
			.stream()
			.filter(d -> d.acceptsDocuments() && d.submitterCodes().contains(submitter.code()))
			.toList();
		String matchedBy = "file_name";
		Map<Deliverable, String> matches = matching(owed, names);
		if (matches.isEmpty() && !pageKey.isEmpty()) {
			matchedBy = "first_page";
			matches = matching(owed, pageKey);
		}
		if (matches.isEmpty()) {
			Set<String> keywords = new LinkedHashSet<>();
			owed.forEach(d -> keywords.addAll(d.nameKeywords()));
			return rejected(submitter, Finding.error("NOT_A_DELIVERABLE", null, null, "文件名",
					"文档“" + fileName + "”不是“" + submitter.name() + "”应报的材料：" + where + "中没有 deliverables.csv 所列材料的关键词"
							+ (keywords.isEmpty() ? "（该单位没有以文档报送的材料）" : "（" + String.join("、", keywords) + "）")
							+ "；统计汇总表和明细清单请用 Excel（.xlsx、.xls）或 CSV 报送"));
		}
		Set<String> campaigns = new LinkedHashSet<>();
		matches.keySet().forEach(d -> campaigns.add(d.campaign()));
		if (campaigns.size() > 1) {
			Set<String> named = new LinkedHashSet<>();
			for (String code : campaigns) {
				Campaign c = reference.campaign(code).orElseThrow();
				if (c.titleKeywords()
					.stream()
					.map(HeaderText::normalise)
					.anyMatch(k -> !k.isEmpty() && (names.contains(k) || pageKey.contains(k)))) {
					named.add(code);
				}
			}
			if (named.isEmpty()) {
				LocalDate day = receivedAt.toLocalDate();
				for (String code : campaigns) {
					if (running(code, matches.keySet(), day)) {
						named.add(code);
					}
				}
			}
			if (named.size() != 1) {
				List<String> labels = campaigns.stream()
					.map(code -> "“" + reference.campaign(code).orElseThrow().name() + "”")
					.toList();
				return rejected(submitter, Finding.error("DELIVERABLE_AMBIGUOUS", null, null, "文件名",
						"文档“" + fileName + "”可能是几个专项行动的材料（" + String.join("、", labels) + "），无法确定是哪一个：请在文件名中写明专项行动名称（如“"
								+ reference.campaign(campaigns.iterator().next()).orElseThrow().titleKeywords().get(0)
								+ "”）后重新报送"));
			}
			String only = named.iterator().next();
			matches.keySet().removeIf(d -> !d.campaign().equals(only));
		}
		List<Receipt> receipts = new ArrayList<>();
		List<Finding> warnings = new ArrayList<>();
		String text = names + " " + pageKey;
		for (Map.Entry<Deliverable, String> m : matches.entrySet()) {
			Deliverable d = m.getKey();
			Due due = instance(d, text, receivedAt.toLocalDate());
			if (Deliverable.QUARTERLY.equals(d.kind()) && quarterNamed(text) == null) {
				warnings.add(Finding.warning("DELIVERABLE_QUARTER_INFERRED", null, null, "文件名", "文档“" + fileName
						+ "”未写明季度，已按接收日期计为《" + d.name() + "》" + due.instance() + "（截止 " + due.dueOn() + "），请核实"));
			}
			receipts.add(new Receipt(d.campaign(), d.code(), due.instance(), matchedBy, m.getValue()));
		}
		return new Recognised(submitter, receipts.get(0).campaign(), List.copyOf(receipts), List.copyOf(warnings));
	}

	/** Each owed deliverable whose keyword occurs in {@code text}, with that keyword. */
	private static Map<Deliverable, String> matching(List<Deliverable> owed, String text) {
		Map<Deliverable, String> out = new LinkedHashMap<>();
		for (Deliverable d : owed) {
			for (String keyword : d.nameKeywords()) {
				String k = HeaderText.normalise(keyword);
				if (!k.isEmpty() && text.contains(k)) {
					out.put(d, keyword);
					break;
				}
			}
		}
		return out;
	}

	/**
	 * A campaign is running on {@code day} from its first day until the later of its last
	 * day and its deliverables' last due day.
	 */
	private boolean running(String code, Set<Deliverable> matched, LocalDate day) {
		Campaign c = reference.campaign(code).orElseThrow();
		LocalDate end = c.lastMonth().atEndOfMonth();
		for (Deliverable d : matched) {
			if (d.campaign().equals(code)) {
				for (Due due : d.instances()) {
					end = due.dueOn().isAfter(end) ? due.dueOn() : end;
				}
			}
		}
		return !day.isBefore(c.firstMonth().atDay(1)) && !day.isAfter(end);
	}

	private static Due instance(Deliverable d, String text, LocalDate received) {
		List<Due> candidates = d.instances();
		Integer quarter = Deliverable.QUARTERLY.equals(d.kind()) ? quarterNamed(text) : null;
		if (quarter != null) {
			List<Due> named = candidates.stream().filter(i -> i.instance().endsWith("Q" + quarter)).toList();
			if (!named.isEmpty()) {
				candidates = named;
			}
		}
		return candidates.stream()
			.min(Comparator.comparingLong((Due i) -> Math.abs(i.dueOn().toEpochDay() - received.toEpochDay()))
				.thenComparing(Due::dueOn))
			.orElseThrow();
	}

	private static Integer quarterNamed(String text) {
		Matcher m = QUARTER.matcher(text);
		if (!m.find()) {
			return null;
		}
		String q = m.group(1) != null ? m.group(1) : m.group(2);
		return switch (q) {
			case "一", "1" -> 1;
			case "二", "2" -> 2;
			case "三", "3" -> 3;
			default -> 4;
		};
	}

	/**
	 * The sender a first page names: a 填报单位/报送单位 field, else the unit its title lines
	 * name (鹤鸣县应急管理局关于报送…的报告).
	 */
	private Optional<Submitter> fromFirstPage(String firstPage) {
		if (firstPage.isBlank()) {
			return Optional.empty();
		}
		Matcher field = UNIT_FIELD.matcher(firstPage);
		if (field.find()) {
			Optional<Submitter> s = submitters.listSubmitter(field.group(1), "");
			if (s.isPresent()) {
				return s;
			}
		}
		int seen = 0;
		for (String line : firstPage.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			Optional<Submitter> s = submitters.listSubmitter(line, "");
			if (s.isPresent()) {
				return s;
			}
			if (++seen >= TITLE_LINES) {
				break;
			}
		}
		return Optional.empty();
	}

	private static Recognised rejected(Submitter submitter, Finding error) {
		return new Recognised(submitter, null, List.of(), List.of(error));
	}

	private static String withoutExtension(String path) {
		int slash = path.lastIndexOf('/');
		int dot = path.lastIndexOf('.');
		return dot > slash ? path.substring(0, dot) : path;
	}

}
