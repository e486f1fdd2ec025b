package org.anjian.jobs.mail;

import static org.anjian.jobs.mail.MailSupport.OFFICE;
import static org.anjian.jobs.mail.MailSupport.OFFICE_PASSWORD;
import static org.anjian.jobs.mail.MailSupport.attachment;
import static org.anjian.jobs.mail.MailSupport.files;
import static org.anjian.jobs.mail.MailSupport.message;
import static org.anjian.jobs.mail.MailSupport.query;
import static org.anjian.jobs.mail.MailSupport.smtpUrl;
import static org.anjian.jobs.mail.MailSupport.text;
import static org.anjian.jobs.mail.MailSupport.withEmail;
import static org.anjian.jobs.support.AnnotatedWorkbooks.cell;
import static org.anjian.jobs.support.AnnotatedWorkbooks.fill;
import static org.anjian.jobs.support.AnnotatedWorkbooks.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.writers.feedback.FeedbackHints;
import org.anjian.writers.feedback.FeedbackWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's loop, done-when, through the command line against a real SMTP/IMAP server
 * (GreenMail): 新场镇's May table with one mandatory error (合计 B15 ≠ the rows' sum) and one
 * advisory finding (the header C4 reads “出动执法人员数”) arrives by mail → mail-fetch, ingest,
 * mail-send → the annotated workbook in the township's mailbox, both cells marked and
 * both hints on 审核意见 → the corrected table with a 上报说明 block arrives by mail → loaded,
 * the warning 已说明 in the roster and {@code status} → the cutoff rollup's county table and
 * manifest (the explanation, then the receipt) in the office above's mailbox. The whole
 * sequence of commands run again fetches, loads and sends nothing more.
 */
@ExtendWith(MailSupport.OfficePassword.class)
class FeedbackLoopFunctionalTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private static final String XINCHANG = "xinchang@town.test";

	private static final String CITY = "ajb@city.test";

	private static final String CONTACT = "县安委办 李敏 0839-1234567";

	private static final String EXPLANATION = "本镇沿用了旧模板，“出动执法人员数”即出动执法人员人次，下月改用新模板";

	@TempDir
	Path dir;

	@Test
	void aTableWithAnErrorAndAWarningGoesRoundTheLoopByMailOnce() throws Exception {
		SampleCounty county = SampleCounty.load();
		Path reference = withEmail(county.copyReference(dir.resolve("reference")), "HM04", XINCHANG);
		Path home = dir.resolve("home");
		// the other submitters' tables are already in the inbox; 新场镇's come by mail only
		Path inbox = county.copyInbox(dir.resolve("inbox"));
		Files.delete(inbox.resolve("2024-04/强安2024专项行动统计汇总表-新场镇-202404.xlsx"));
		Files.delete(inbox.resolve("2024-05/新场镇5月统计表.xlsx"));
		GreenMailUser office = greenMail.setUser(OFFICE, OFFICE, OFFICE_PASSWORD);
		greenMail.setUser(XINCHANG, XINCHANG, "town");
		greenMail.setUser(CITY, CITY, "city");
		byte[] sample = Files.readAllBytes(county.reference().resolveSibling("inbox").resolve("2024-05/新场镇5月统计表.xlsx"));
		Loop loop = new Loop(home, reference, inbox);

		// 1. the first table: 合计 of 派出检查小组 one too many (an error), 出动执法人员 written
		// as 出动执法人员数 (a warning); the sample's own wrong 合计 cells put right
		byte[] first = edited(sample, sheet -> {
			at(sheet, "F15").setCellValue(174);
			at(sheet, "H15").setCellValue(169);
			at(sheet, "B15").setCellValue(29);
			at(sheet, "C4").setCellValue("出动执法人员数");
		});
		office
			.deliver(message(XINCHANG, "新场镇5月报表", LocalDateTime.parse("2024-05-14T20:35:01"), "新场镇5月统计表.xlsx", first));
		loop.intake("2024-05-15T08:00:00");
		assertThat(query(home, "select count(*) from audit_file where path like '邮件/%' and status = 'rejected'"))
			.isEqualTo("1");
		assertThat(query(home, """
				select string_agg(severity || ' ' || rule || ' ' || column_name || row_number, ', ' order by severity)
				from audit_issue join audit_file f using (sha256) where f.path like '邮件/%'"""))
			// C4:C6 is one merged cell: named by its first cell, the one Excel shows
			.isEqualTo("error TOTAL_MISMATCH B15, warning TEMPLATE_CHANGED C4");

		// the annotated workbook reaches the township: B15 red, C4 yellow, both
		// commented,
		// both rules with their hints on 审核意见
		List<Message> township = inboxOf(XINCHANG, "town");
		assertThat(township).hasSize(1);
		assertThat(township.get(0).getSubject()).startsWith("【退回通知】");
		assertThat(text(township.get(0))).contains("TOTAL_MISMATCH", CONTACT);
		try (XSSFWorkbook annotated = new XSSFWorkbook(
				new ByteArrayInputStream(attachment(township.get(0), "新场镇5月统计表.审核意见.xlsx")))) {
			assertThat(annotated.getSheetName(0)).isEqualTo(FeedbackWorkbook.SHEET);
			Sheet table = annotated.getSheetAt(1);
			assertThat(fill(cell(table, "B15"))).isEqualTo(FeedbackWorkbook.ERROR_FILL);
			assertThat(cell(table, "B15").getCellComment().getString().getString()).contains("29");
			assertThat(fill(cell(table, "C4"))).isEqualTo(FeedbackWorkbook.WARNING_FILL);
			assertThat(cell(table, "C4").getCellComment().getString().getString()).contains("出动执法人员数");
			assertThat(fill(cell(table, "C15"))).as("an unmarked cell")
				.isNotIn(FeedbackWorkbook.ERROR_FILL, FeedbackWorkbook.WARNING_FILL);
			FeedbackHints hints = FeedbackHints.bundled();
			List<List<String>> findings = rows(annotated.getSheetAt(0)).stream()
				.filter(r -> r.size() > 8 && r.get(0).matches("\\d+"))
				.toList();
			assertThat(findings).hasSize(2);
			assertThat(findings)
				.anySatisfy(r -> assertThat(r).contains("错误", "TOTAL_MISMATCH", "B", hints.hint("TOTAL_MISMATCH")));
			assertThat(findings).anySatisfy(
					r -> assertThat(r).contains("提示", "TEMPLATE_CHANGED", "4", "C", hints.hint("TEMPLATE_CHANGED")));
		}

		// 2. the corrected table, a reply with a 上报说明 block below the table: loaded, the
		// warning explained
		byte[] corrected = edited(first, sheet -> {
			at(sheet, "B15").setCellValue(28);
			sheet.createRow(17).createCell(0).setCellValue("上报说明：" + EXPLANATION);
		});
		office.deliver(message(XINCHANG, "回复：【退回通知】新场镇5月报表（已改正）", LocalDateTime.parse("2024-05-20T10:00:00"),
				"新场镇5月统计表（改正）.xlsx", corrected));
		loop.intake("2024-05-20T12:00:00");
		assertThat(query(home, "select count(*) from audit_file where path like '邮件/%' and status = 'loaded'"))
			.isEqualTo("1");
		assertThat(query(home, """
				select e.rule || ' ' || e.source || ' ' || e.explained_by || ' ' || e.text
				from audit_explanation e join audit_file f using (sha256) where f.path like '邮件/%'"""))
			.isEqualTo("TEMPLATE_CHANGED workbook HM04 " + EXPLANATION);

		// 3. the cutoff rollup: the county table and its manifest to the office above
		loop.rollupAndSendUp();
		assertThat(query(home, """
				select explanation from rollup_roster
				where submitter_code = 'HM04' and period = date '2024-05-01' and kind = 'cutoff'"""))
			.contains("TEMPLATE_CHANGED：" + EXPLANATION);
		// status reads the published snapshot
		loop.cli("export");
		CliRun status = loop.cli("status");
		assertThat(status.out()).contains("已说明的提示", "HM04 2024-05 TEMPLATE_CHANGED 已说明：" + EXPLANATION);
		List<Message> city = inboxOf(CITY, "city");
		assertThat(city).hasSize(1);
		assertThat(city.get(0).getSubject()).isEqualTo("【上报】鹤鸣县 强安2024监管执法专项行动 2024年5月统计汇总表");
		assertThat(new String(attachment(city.get(0), "manifest.json"), StandardCharsets.UTF_8))
			.contains("\"explanations\": [", "\"rule\": \"TEMPLATE_CHANGED\"", "\"text\": \"" + EXPLANATION + "\"");
		String manifest = Files.readString(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json"));
		assertThat(manifest).contains("\"text\": \"" + EXPLANATION + "\"", "\"sent\": [",
				city.get(0).getHeader("Message-ID")[0], "\"dry_run\": false");

		// 4. restarting anywhere: every command of the loop again, nothing fetched,
		// loaded
		// or sent twice
		int townshipMessages = inboxOf(XINCHANG, "town").size();
		List<Path> inboxFiles = files(inbox);
		String fetched = query(home, "select count(*) from mail_fetched");
		String sent = query(home, "select count(*) from mail_sent");
		String loaded = query(home, "select count(*) from audit_file");
		loop.intake("2024-05-15T08:00:00");
		loop.intake("2024-05-20T12:00:00");
		loop.rollupAndSendUp();
		assertThat(inboxOf(XINCHANG, "town")).hasSize(townshipMessages);
		assertThat(inboxOf(CITY, "city")).hasSize(1);
		assertThat(files(inbox)).isEqualTo(inboxFiles);
		assertThat(query(home, "select count(*) from mail_fetched")).isEqualTo(fetched);
		assertThat(query(home, "select count(*) from mail_sent")).isEqualTo(sent);
		assertThat(query(home, "select count(*) from audit_file")).isEqualTo(loaded);
		assertThat(Files.readString(home.resolve("outbox/QA2024/2024-05/cutoff/manifest.json"))).isEqualTo(manifest);
	}

	/** The office's commands, as its nightly would run them one by one. */
	private record Loop(Path home, Path reference, Path inbox) {

		CliRun cli(String command, String... options) {
			CliRun run = MailSupport.cli(greenMail, command, home, reference, options);
			assertThat(run.exitCode()).as(command + " " + run).isZero();
			return run;
		}

		/** Mail in, the intake, mail out. */
		void intake(String now) {
			cli("mail-fetch", "--inbox", inbox.toString());
			cli("ingest", "--inbox", inbox.toString(), "--now", now);
			send(now);
		}

		void rollupAndSendUp() {
			cli("rollup", "--campaign", "QA2024", "--period", "2024-05", "--kind", "cutoff");
			send("2024-05-23T02:00:00");
		}

		private void send(String now) {
			cli("mail-send", "--now", now, "--mail-smtp-url", smtpUrl(greenMail), "--mail-from", OFFICE,
					"--mail-office-contact", CONTACT, "--mail-upward-to", CITY);
		}

	}

	private static List<Message> inboxOf(String user, String password) throws Exception {
		return MailSupport.inboxOf(greenMail, user, password);
	}

	/** The workbook's bytes with its first sheet changed. */
	private static byte[] edited(byte[] workbook, Consumer<Sheet> edit) throws IOException {
		try (InputStream in = new ByteArrayInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
			edit.accept(wb.getSheetAt(0));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			wb.write(out);
			return out.toByteArray();
		}
	}

	/** The cell to edit at {@code ref}, made when blank. */
	private static Cell at(Sheet sheet, String ref) {
		CellReference r = new CellReference(ref);
		Row row = sheet.getRow(r.getRow());
		return row.getCell(r.getCol()) != null ? row.getCell(r.getCol()) : row.createCell(r.getCol());
	}

}
