package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.documents.DocumentFiles.Document;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Deliverable;
import org.anjian.warehouse.reference.ReferenceData.Due;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.writers.submissions.DocumentWriter.Receipt;
import org.junit.jupiter.api.Test;

/**
 * Which deliverables a document is: its sender, its keywords, the campaign when two could
 * want it, the quarter of a quarterly one.
 */
class DeliverableRecognizerTests {

	static final Campaign QA = new Campaign("QA2024", "强安2024监管执法专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 10),
			22, List.of("强安2024"), "F-000", "earlier");

	static final Campaign ZX = new Campaign("ZX2024", "重大事故隐患专项排查整治2024行动", YearMonth.of(2024, 3),
			YearMonth.of(2024, 12), 23, List.of("专项排查整治2024"), "F-001", "earlier");

	static final ReferenceData COUNTY = new ReferenceData(List.of(new Region("519901", "鹤鸣县", "county", null),
			new Region("519901101", "白石镇", "township", "519901"), new Region("519901102", "青龙镇", "township", "519901")),
			List.of(),
			List.of(new Submitter("D1", "鹤鸣县应急管理局", "department", "519901", List.of("应急局"), "李卫东", "13890011207"),
					new Submitter("T1", "白石镇人民政府", "township", "519901101", List.of(), "罗建平", "13890011202"),
					new Submitter("T2", "青龙镇", "township", "519901102", List.of("青龙镇人民政府"), "周丽", "13890011205")),
			List.of(QA, ZX), List.of(),
			List.of(once("QA2024", "LIAISON", "联络员", LocalDate.of(2024, 4, 15)),
					once("QA2024", "PLAN", "实施方案", LocalDate.of(2024, 4, 15)),
					once("QA2024", "SUMMARY", "总结", LocalDate.of(2024, 10, 25)),
					once("ZX2024", "SUMMARY", "总结", LocalDate.of(2024, 12, 15)),
					new Deliverable("ZX2024", "CASES", "活动开展情况及典型案例", List.of("典型案例"), Deliverable.QUARTERLY,
							"1|Q4=12-20", "all", List.of("D1", "T1", "T2"), List.of(Deliverable.DOCUMENT),
							List.of(quarter("2024Q1", LocalDate.of(2024, 4, 1)),
									quarter("2024Q2", LocalDate.of(2024, 7, 1)),
									quarter("2024Q3", LocalDate.of(2024, 9, 30)),
									quarter("2024Q4", LocalDate.of(2024, 12, 20))))));

	final DeliverableRecognizer recognizer = new DeliverableRecognizer(COUNTY, new SubmissionRecognizer(COUNTY));

	@Test
	void aQuarterlyDocumentIsForTheQuarterItNamesElseTheNearestDueDay() {
		assertThat(recognise("白石镇/一季度典型案例.docx", null, "2024-04-25T09:00:00").receipts()).extracting(Receipt::instance)
			.containsExactly("2024Q1");
		assertThat(recognise("白石镇/第三季度典型案例.docx", null, "2024-07-02T09:00:00").receipts()).extracting(Receipt::instance)
			.containsExactly("2024Q3");
		DeliverableRecognizer.Recognised inferred = recognise("白石镇/典型案例.docx", null, "2024-06-28T09:00:00");
		assertThat(inferred.receipts()).extracting(Receipt::instance).containsExactly("2024Q2");
		assertThat(inferred.findings()).extracting(Finding::rule).containsExactly("DELIVERABLE_QUARTER_INFERRED");
		assertThat(inferred.findings().get(0).message())
			.isEqualTo("文档“典型案例.docx”未写明季度，已按接收日期计为《活动开展情况及典型案例》2024Q2（截止 2024-07-01），请核实");
	}

	@Test
	void twoCampaignsAreToldApartByTitleKeywordThenByWhichIsRunning() {
		// the title keyword decides
		assertThat(recognise("应急局/强安2024总结.docx", null, "2024-06-01T09:00:00").receipts()).extracting(Receipt::campaign)
			.containsExactly("QA2024");
		// in November only ZX2024 is running (QA2024 ended in October)
		assertThat(recognise("应急局/工作总结.docx", null, "2024-11-05T09:00:00").receipts()).extracting(Receipt::campaign)
			.containsExactly("ZX2024");
		// in June both are: the sender is asked to name the campaign
		DeliverableRecognizer.Recognised ambiguous = recognise("应急局/工作总结.docx", null, "2024-06-01T09:00:00");
		assertThat(ambiguous.received()).isFalse();
		assertThat(ambiguous.findings()).singleElement()
			.satisfies(f -> assertThat(f.message()).isEqualTo(
					"文档“工作总结.docx”可能是几个专项行动的材料（“强安2024监管执法专项行动”、“重大事故隐患专项排查整治2024行动”），无法确定是哪一个：请在文件名中写明专项行动名称（如“强安2024”）后重新报送"));
	}

	@Test
	void oneDocumentMayBeSeveralDeliverables() {
		assertThat(recognise("应急局联络员及实施方案.docx", null, "2024-04-12T09:00:00").receipts())
			.extracting(Receipt::deliverableCode, Receipt::matchedBy)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("LIAISON", "file_name"),
					org.assertj.core.groups.Tuple.tuple("PLAN", "file_name"));
	}

	@Test
	void theFirstPageNamesTheSenderAndWhatItIsWhenTheNameDoesNot() {
		DeliverableRecognizer.Recognised r = recognise("收件/附件1.docx", "关于报送强安2024专项行动实施方案的函\n填报单位：青龙镇人民政府\n",
				"2024-04-12T09:00:00");
		assertThat(r.submitter().code()).isEqualTo("T2");
		assertThat(r.receipts()).extracting(Receipt::deliverableCode, Receipt::matchedBy, Receipt::keyword)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PLAN", "first_page", "实施方案"));
	}

	@Test
	void aDocumentOfNoDeliverableOrNoKnownSenderIsNotReceived() {
		assertThat(recognise("应急局/会议纪要.docx", "会议纪要", "2024-04-12T09:00:00").findings()).extracting(Finding::rule)
			.containsExactly("NOT_A_DELIVERABLE");
		assertThat(recognise("附件/实施方案.pdf", null, "2024-04-12T09:00:00").findings()).extracting(Finding::rule)
			.containsExactly("UNKNOWN_SUBMITTER");
	}

	DeliverableRecognizer.Recognised recognise(String path, String firstPage, String receivedAt) {
		String format = path.substring(path.lastIndexOf('.') + 1);
		return recognizer.recognise(new Document(Path.of("/inbox").resolve(path), format, firstPage), path,
				LocalDateTime.parse(receivedAt));
	}

	static Deliverable once(String campaign, String code, String keyword, LocalDate due) {
		Campaign c = campaign.equals("QA2024") ? QA : ZX;
		return new Deliverable(campaign, code, keyword, List.of(keyword), Deliverable.ONCE, due.toString(), "all",
				List.of("D1", "T1", "T2"), List.of(Deliverable.DOCUMENT),
				List.of(new Due("once", c.firstMonth().atDay(1), c.lastMonth().atEndOfMonth(), due, due)));
	}

	static Due quarter(String instance, LocalDate due) {
		int q = instance.charAt(5) - '0';
		LocalDate from = LocalDate.of(2024, q * 3 - 2, 1);
		return new Due(instance, from, from.plusMonths(3).minusDays(1), due, due);
	}

}
