package org.anjian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;

import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.lists.ListFile;
import org.anjian.writers.lists.ListLoad;
import org.anjian.writers.lists.ListWriter;

/**
 * The whole ingest of one ledger as the intake job does it: SHA-256 of the file (its identity), the sniff that tells
 * a list from a summary table behind the list-sized limits (zip bomb, DTD, shared-strings budget), then the streaming read with every row check on this thread while {@link ListLoad}
 * appends on its own, one DuckDB transaction, committed. The clock stops when the rows are committed to the file.
 * Not included: the marts rebuild the job runs once after all files (measured separately, writers/README.md).
 */
final class AnjianIngest implements BenchWorkload {

	private Warehouse warehouse;

	private String phases = "";

	@Override
	public String name() {
		return BenchWorkloads.INGEST;
	}

	@Override
	public String description() {
		return "anjian 全流程：哈希 + 识别 + 流式读取与逐行审核 + 另一线程 Appender 入库（一个事务）";
	}

	@Override
	public void prepare(Run run) throws Exception {
		// an empty warehouse with its schema, as the first ingest finds it; the native library loaded
		warehouse = Warehouse.open(run.scratch().resolve("warehouse.duckdb"));
		warehouse.applySchema();
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
			c.createStatement().close();
		}
	}

	@Override
	public long run(Run run) throws Exception {
		Path ledger = run.ledger();
		long start = System.nanoTime();
		String sha256 = sha256(ledger);
		long hashed = System.nanoTime();
		// as the intake job: the front door checks the list-sized limits, the read streams without checking them again
		ListFileReader reader = new ListFileReader();
		if (!(new SubmissionFiles().open(ledger) instanceof RecordListFile sniff)) {
			throw new IllegalStateException("不是明细清单：" + ledger);
		}
		long sniffed = System.nanoTime();
		ListFile file = new ListFile(sha256, ledger.getFileName().toString(),
				LocalDateTime.ofInstant(Files.getLastModifiedTime(ledger).toInstant(), ZoneId.of("Asia/Shanghai"))
					.withNano(0),
				Files.size(ledger), sniff.format(), sniff.kind(), null, sniff.sheet());
		ListFileSummary summary;
		String status;
		long read;
		try (ListLoad load = new ListWriter(warehouse).open(file)) {
			summary = reader.read(ledger, load);
			read = System.nanoTime();
			status = load.commit();
		}
		long committed = System.nanoTime();
		if (!"loaded".equals(status)) {
			throw new IllegalStateException("台账未入库：" + status + " " + summary.fileFindings());
		}
		warehouse.close();
		phases = String.format(java.util.Locale.ROOT, "阶段：哈希 %.2f 秒 · 识别（含限额检查）%.2f 秒 · 读取、审核与分块入库 %.2f 秒 · "
				+ "入库收尾与提交 %.2f 秒", (hashed - start) / 1e9, (sniffed - hashed) / 1e9, (read - sniffed) / 1e9,
				(committed - read) / 1e9);
		return summary.rowsRead();
	}

	@Override
	public String phases() {
		return phases;
	}

	private static String sha256(Path file) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		byte[] buffer = new byte[1 << 16];
		try (var in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buffer)) > 0;) {
				md.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(md.digest());
	}

}
