package org.anjian.writers.lists;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anjian.readers.lists.ListKind;
import org.anjian.warehouse.Warehouse;
import org.anjian.writers.ledger.AuditLedger;

/**
 * One hand-off of a list file's rows from the reader's thread to the loader thread:
 * {@link PackedLine}s written to a staging file (and the split items to a second one),
 * loaded by DuckDB's CSV reader in one {@code insert … select …
 * from read_csv(…)} each. No quoting and no escapes, so DuckDB takes every byte between
 * separators as it is.
 *
 * <p>
 * Why files: the DuckDB Java Appender hands every string of 12 bytes or more (most
 * Chinese text, every USCC) to the native library in a call of its own; even one packed
 * string per row split again in SQL cost the loader thread about 4 s of CPU per million
 * ledger rows, where writing the lines costs the reader's thread a few hundred
 * milliseconds and {@code read_csv} parses them vectorised (writers/README.md "Loading
 * lists"). The files lie beside the warehouse (the disk that must hold the rows anyway),
 * or in the temp directory for an in-memory warehouse, and are deleted once loaded, or
 * when the load ends whichever way.
 */
final class StagingChunk implements AutoCloseable {

	private final Path rows;

	private final Path items;

	/** The folder of the staging files, or null for the temp directory. */
	private final Path dir;

	/** The findings' file, made at the first finding (most chunks have none). */
	private Path findings;

	private OutputStream rowsOut;

	private OutputStream itemsOut;

	private OutputStream findingsOut;

	private int rowCount;

	private int itemCount;

	private int findingCount;

	private StagingChunk(Path dir, Path rows, Path items) {
		this.dir = dir;
		this.rows = rows;
		this.items = items;
	}

	/**
	 * @param warehouseFile the warehouse file (its folder holds the staging files), or
	 * null for an in-memory warehouse
	 * @param withItems whether the list kind has split items
	 */
	static StagingChunk create(Path warehouseFile, boolean withItems) {
		Path dir = warehouseFile == null ? null : warehouseFile.toAbsolutePath().getParent();
		Path rows = null;
		try {
			rows = temp(dir, ".rows");
			Path items = withItems ? temp(dir, ".items") : null;
			StagingChunk chunk = new StagingChunk(dir, rows, items);
			chunk.rowsOut = new BufferedOutputStream(Files.newOutputStream(rows), 1 << 20);
			chunk.itemsOut = items == null ? null : new BufferedOutputStream(Files.newOutputStream(items), 1 << 16);
			return chunk;
		}
		catch (IOException ex) {
			deleteQuietly(rows);
			throw new UncheckedIOException("无法创建清单入库的暂存文件：" + ex.getMessage(), ex);
		}
	}

	/**
	 * Deletes staging files beside the warehouse that no load owns: those of a process
	 * killed while loading (a load ends by deleting its own, whichever way it ends). Only
	 * for a caller that knows no load is running on that warehouse — anjian's home lock.
	 * Returns how many were deleted.
	 */
	static int removeLeftovers(Path warehouseFile) {
		Path dir = warehouseFile.toAbsolutePath().getParent();
		int removed = 0;
		try (var files = Files.newDirectoryStream(dir, ".anjian-list-*.{rows,items,issues}")) {
			for (Path file : files) {
				if (Files.deleteIfExists(file)) {
					removed++;
				}
			}
		}
		catch (IOException ex) {
			// leftovers cost disk, not correctness: the next run tries again
		}
		return removed;
	}

	private static Path temp(Path dir, String suffix) throws IOException {
		return dir == null ? Files.createTempFile("anjian-list-", suffix)
				: Files.createTempFile(dir, ".anjian-list-", suffix);
	}

	int rowCount() {
		return rowCount;
	}

	/** Adds a packed row (reader's thread). */
	void row(PackedLine line) {
		write(rowsOut, line);
		rowCount++;
	}

	int findingCount() {
		return findingCount;
	}

	/** Adds a packed finding (reader's thread). */
	void finding(PackedLine line) {
		if (findingsOut == null) {
			try {
				findings = temp(dir, ".issues");
				findingsOut = new BufferedOutputStream(Files.newOutputStream(findings), 1 << 16);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("无法创建清单入库的暂存文件：" + ex.getMessage(), ex);
			}
		}
		write(findingsOut, line);
		findingCount++;
	}

	/** Adds a packed item (reader's thread). */
	void item(PackedLine line) {
		write(itemsOut, line);
		itemCount++;
	}

	private static void write(OutputStream out, PackedLine line) {
		try {
			line.writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("清单入库的暂存文件写入失败（磁盘已满？）：" + ex.getMessage(), ex);
		}
	}

	/**
	 * Flushes and closes the files for the loader to read (reader's thread, before the
	 * hand-off).
	 */
	void finish() {
		try {
			closeAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("清单入库的暂存文件写入失败（磁盘已满？）：" + ex.getMessage(), ex);
		}
	}

	/**
	 * Loads the staged findings, and the rows and items unless {@code withRows} is false
	 * (a rejected file's), in the caller's transaction (loader thread).
	 */
	void loadInto(Connection c, ListKind kind, String itemTable, String sha256, boolean withRows) throws SQLException {
		if (withRows && rowCount > 0) {
			List<Map.Entry<String, String>> columns = new ArrayList<>();
			columns.add(Map.entry("row_number", "INTEGER"));
			kind.columns().forEach(column -> columns.add(Map.entry(column, "VARCHAR")));
			insert(c, ListWriter.rawTable(kind), rows, columns, sha256);
		}
		if (withRows && itemCount > 0) {
			insert(c, itemTable, items, List.of(Map.entry("row_number", "INTEGER"), Map.entry("item_no", "INTEGER"),
					Map.entry("violation", "VARCHAR")), sha256);
		}
		if (findingCount > 0) {
			insert(c, "audit_issue", findings, AuditLedger.STAGED_ISSUE_COLUMNS, sha256);
		}
	}

	private static void insert(Connection c, String table, Path file, List<Map.Entry<String, String>> columns,
			String sha256) throws SQLException {
		StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (sha256");
		columns.forEach(column -> sql.append(", ").append(column.getKey()));
		sql.append(")\nselect ?, *\nfrom read_csv(")
			.append(Warehouse.literal(file.toString()))
			.append(", delim = ")
			.append(Warehouse.literal(String.valueOf(PackedLine.UNIT)))
			.append(", nullstr = ")
			.append(Warehouse.literal(String.valueOf(PackedLine.NULL)))
			.append(", quote = '', escape = '', new_line = '\\n', header = false, auto_detect = false")
			.append(", max_line_size = ")
			.append(PackedLine.MAX_LINE_BYTES + 1)
			.append(", columns = {");
		columns.forEach(column -> sql.append(Warehouse.literal(column.getKey()))
			.append(": '")
			.append(column.getValue())
			.append("', "));
		sql.setLength(sql.length() - 2);
		sql.append("})");
		try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
			ps.setString(1, sha256);
			ps.executeUpdate();
		}
	}

	/** Deletes the files, whether loaded or not. */
	@Override
	public void close() {
		try {
			closeAll();
		}
		catch (IOException ex) {
			// deleted below either way
		}
		deleteQuietly(rows);
		deleteQuietly(items);
		deleteQuietly(findings);
	}

	private void closeAll() throws IOException {
		rowsOut.close();
		if (itemsOut != null) {
			itemsOut.close();
		}
		if (findingsOut != null) {
			findingsOut.close();
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a leftover staging file is harmless: each load makes its own, named
			// .anjian-list-*
		}
	}

}
