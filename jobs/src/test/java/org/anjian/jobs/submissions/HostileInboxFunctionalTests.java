package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample county's inbox with hostile files beside the real ones, ingested as a user
 * would: every file ends loaded, superseded, duplicate or rejected with the limit's rule,
 * or skipped and picked up by the next run; the run itself succeeds and its summary
 * counts each outcome.
 */
class HostileInboxFunctionalTests {

	private static final FileTime RECEIVED = FileTime.from(Instant.parse("2024-05-20T02:00:00Z"));

	@TempDir
	Path tmp;

	@Test
	void hostileFilesAreRejectedOrSkippedAndTheRestLoads() throws IOException {
		SampleCounty samples = SampleCounty.load();
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		Path home = tmp.resolve("home");
		Path secret = Files.writeString(tmp.resolve("secret.txt"), "机密-口令-48151623");
		byte[] sample = Files.readAllBytes(inbox.resolve((String) samples.files().get(0).get("path")));
		Path hostile = Files.createDirectories(inbox.resolve("hostile"));
		write(hostile.resolve("炸弹.xlsx"), edit(sample, "xl/worksheets/sheet1.xml",
				xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(30 * 1024 * 1024))));
		write(hostile.resolve("xxe.xlsx"), edit(sample, "xl/worksheets/sheet1.xml",
				xml -> xml
					.replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>")
					.replace("<sheetData>", "<sheetData>&x;")));
		write(hostile.resolve("大文件.csv"), bigCsv(2 * 1024 * 1024));
		write(hostile.resolve("同一文件 #%\n换行.xlsx"), sample);
		Files.createSymbolicLink(hostile.resolve("link.xlsx"), secret);
		Path fresh = hostile.resolve("正在复制.xlsx");
		Files.write(fresh, new byte[] { 'P', 'K', 3, 4, 0, 0 }); // mtime now: still being
																	// copied

		CliRun first = ingest(home, inbox);

		assertThat(first.exitCode()).as(first.toString()).isZero();
		Map<String, String> rules = rulesByPath(home);
		assertThat(rules).containsEntry("hostile/炸弹.xlsx", "ZIP_BOMB")
			.containsEntry("hostile/xxe.xlsx", "XML_ENTITY")
			.containsEntry("hostile/大文件.csv", "FILE_TOO_LARGE");
		assertThat(status(home, "hostile/同一文件 #%\n换行.xlsx")).isEqualTo("duplicate");
		assertThat(WarehouseQueries.query(home, "select message from audit_issue where rule = 'FILE_TOO_LARGE'"))
			.singleElement()
			.satisfies(r -> assertThat((String) r.get("message")).contains("1 MB"));
		assertThat(WarehouseQueries.query(home,
				"select path from audit_file where path like '%link%' or path like '%正在复制%'"))
			.isEmpty();
		assertThat(WarehouseQueries.query(home, "select message from audit_issue"))
			.noneMatch(r -> ((String) r.get("message")).contains("48151623"));
		long expectedRejected = samples.files().stream().filter(f -> "rejected".equals(f.get("status"))).count() + 3;
		long expectedDuplicates = samples.files().stream().filter(f -> "duplicate".equals(f.get("status"))).count() + 1;
		assertThat(first.out()).contains("skipped    hostile/link.xlsx", "skipped    hostile/正在复制.xlsx")
			.contains("入库完成：处理文件 " + (samples.files().size() + 4) + " 个")
			.contains("重复 " + expectedDuplicates + "，拒收 " + expectedRejected + "）")
			.contains("跳过 2 个");

		// the copy finishes; nothing else changed, yet the next run is not "nothing to
		// do"
		Files.setLastModifiedTime(fresh, RECEIVED);
		CliRun second = ingest(home, inbox);

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(status(home, "hostile/正在复制.xlsx")).isEqualTo("rejected");
		assertThat(second.out()).contains("入库完成：处理文件 1 个").contains("跳过 1 个");
	}

	private static CliRun ingest(Path home, Path inbox) {
		return CliRun.of("ingest", "--home", home.toString(), "--reference", SampleCounty.load().reference().toString(),
				"--inbox", inbox.toString(), "--max-file-mb", "1", "--settle-seconds", "60");
	}

	private static String status(Path home, String path) {
		List<Map<String, Object>> rows = WarehouseQueries.query(home,
				"select status from audit_file where path = '" + path.replace("'", "''") + "'");
		return rows.isEmpty() ? null : (String) rows.get(0).get("status");
	}

	private static Map<String, String> rulesByPath(Path home) {
		Map<String, String> rules = new java.util.HashMap<>();
		for (Map<String, Object> r : WarehouseQueries.query(home, """
				select f.path, i.rule from audit_file f join audit_issue i using (sha256)
				where f.status = 'rejected' and i.severity = 'error' and f.path like 'hostile/%'""")) {
			rules.put((String) r.get("path"), (String) r.get("rule"));
		}
		return rules;
	}

	private static void write(Path file, byte[] bytes) throws IOException {
		Files.write(file, bytes);
		Files.setLastModifiedTime(file, RECEIVED);
	}

	/**
	 * Comma-separated random digits: a CSV by content, bigger than the 1 MB the test
	 * allows.
	 */
	private static byte[] bigCsv(int size) {
		Random random = new Random(7);
		StringBuilder csv = new StringBuilder(size + 100);
		while (csv.length() < size) {
			csv.append(random.nextInt(1000)).append(',').append(random.nextInt(1000)).append('\n');
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] edit(byte[] xlsx, String part, UnaryOperator<String> edit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				byte[] bytes = in.readAllBytes();
				if (e.getName().equals(part)) {
					bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
				}
				zip.putNextEntry(new ZipEntry(e.getName()));
				zip.write(bytes);
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

}
