package org.anjian.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Brings the marts up to date for what the intakes since the last build changed, so the
 * cost of a build grows with the new work, not with the history.
 * <p>
 * The change set is the difference between {@code audit_file} now and as it stood at the
 * last build ({@code model_build_file}): files loaded, superseded, recorded as duplicates
 * ({@code changes/change_set.sql}). A mart whose {@code .yml} declares
 * {@code incremental: {when, where, changes}} keeps its rows outside {@code where}; those
 * inside are deleted and selected again from the model's own SQL (the single definition),
 * and the values named under {@code changes} are collected from its rows before and
 * after, for the marts after it. Every other mart (the small dimensions) is rebuilt
 * whole. The first build, and any build after the models, the schema or the reference
 * data changed (their fingerprint in {@code model_build_state}), rebuilds everything.
 */
final class ModelBuild {

	private static final Logger log = LoggerFactory.getLogger(ModelBuild.class);

	private static final String CHANGE_SET = "changes/change_set.sql";

	/** The marts' declarations, read once per process: resources do not change. */
	private static final Map<String, java.util.Optional<Incremental>> DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

	/** A mart's incremental declaration; null fields are absent. */
	record Incremental(String when, String where, Map<String, String> changes) {
	}

	private final Warehouse warehouse;

	private final Connection connection;

	ModelBuild(Warehouse warehouse) {
		this.warehouse = warehouse;
		this.connection = warehouse.connection();
	}

	/**
	 * Whole or incremental, whichever the stored state allows; in the caller's
	 * transaction.
	 */
	Warehouse.Build upToDate() throws SQLException {
		long start = System.nanoTime();
		String fingerprint = fingerprint();
		log.info("model build: fingerprint in {} ms", (System.nanoTime() - start) / 1_000_000);
		Warehouse.Build done;
		if (fingerprint.equals(storedFingerprint())) {
			done = incremental() ? Warehouse.Build.INCREMENTAL : Warehouse.Build.NOTHING_NEW;
		}
		else {
			whole();
			done = Warehouse.Build.WHOLE;
		}
		saveState(fingerprint);
		log.info("model build: {} in {} ms", done, (System.nanoTime() - start) / 1_000_000);
		return done;
	}

	/**
	 * Every staging view and mart rebuilt from the landing tables; in the caller's
	 * transaction.
	 */
	void rebuild() throws SQLException {
		whole();
		saveState(fingerprint());
	}

	private void whole() throws SQLException {
		for (String model : Warehouse.index("staging/")) {
			warehouse.materialize(model, "view");
		}
		for (String model : Warehouse.index("marts/")) {
			long began = System.nanoTime();
			warehouse.materialize(model, "table");
			log.info("model build: {} whole in {} ms", Warehouse.modelName(model),
					(System.nanoTime() - began) / 1_000_000);
		}
	}

	/** False when nothing changed since the last build. */
	private boolean incremental() throws SQLException {
		long start = System.nanoTime();
		warehouse.executeScript(Warehouse.resource(CHANGE_SET));
		try {
			long changed = count("select count(*) from changed_files");
			log.info("model build: change set of {} audit_file rows in {} ms", changed,
					(System.nanoTime() - start) / 1_000_000);
			if (changed == 0) {
				return false;
			}
			for (String model : Warehouse.index("marts/")) {
				long began = System.nanoTime();
				Incremental declared = incremental(model);
				String how;
				if (declared == null) {
					warehouse.materialize(model, "table");
					how = "whole";
				}
				else if (declared.when() == null || count("select count(*) where " + declared.when()) > 0) {
					update(model, declared);
					how = "incremental";
				}
				else {
					how = "unchanged";
				}
				log.info("model build: {} {} in {} ms", Warehouse.modelName(model), how,
						(System.nanoTime() - began) / 1_000_000);
			}
			return true;
		}
		finally {
			// the change set's temp tables, whichever of them changes/change_set.sql got
			// to
			// make: named there only
			try (Statement st = connection.createStatement()) {
				List<String> made = new ArrayList<>();
				try (ResultSet rs = st.executeQuery("select table_name from duckdb_tables() where temporary"
						+ " and starts_with(table_name, 'changed_')")) {
					while (rs.next()) {
						made.add(rs.getString(1));
					}
				}
				for (String table : made) {
					st.execute("drop table " + table);
				}
			}
		}
	}

	private void update(String model, Incremental declared) throws SQLException {
		String name = Warehouse.modelName(model);
		String where = "(" + declared.where() + ")";
		try (Statement st = connection.createStatement()) {
			collect(st, name, declared);
			st.execute("delete from " + name + " where " + where);
			st.execute("insert into " + name + " select * from (\n" + Warehouse.resource(model) + "\n) where " + where);
			collect(st, name, declared);
		}
		catch (SQLException ex) {
			throw new WarehouseException("模型 " + model + " 增量构建失败：" + ex.getMessage(), ex);
		}
	}

	private static void collect(Statement st, String name, Incremental declared) throws SQLException {
		for (Map.Entry<String, String> change : declared.changes().entrySet()) {
			st.execute("insert into " + change.getKey() + " select distinct " + change.getValue() + " from " + name
					+ " where (" + declared.where() + ")");
		}
	}

	/** The {@code incremental:} block of a mart's sibling {@code .yml}, or null. */
	static Incremental incremental(String model) {
		return DECLARED.computeIfAbsent(model, m -> java.util.Optional.ofNullable(declaration(m))).orElse(null);
	}

	private static Incremental declaration(String model) {
		String yml = model.substring(0, model.length() - ".sql".length()) + ".yml";
		Map<String, Object> contract = new Yaml().load(Warehouse.resource(yml));
		Object block = contract == null ? null : contract.get("incremental");
		if (!(block instanceof Map<?, ?> map)) {
			return null;
		}
		Map<String, String> changes = new LinkedHashMap<>();
		Object declared = map.get("changes");
		if (declared instanceof Map<?, ?> named) {
			named.forEach((table, value) -> changes.put(String.valueOf(table), String.valueOf(value)));
		}
		Object where = map.get("where");
		if (where == null) {
			throw new WarehouseException(yml + " 的 incremental 缺少 where", null);
		}
		Object when = map.get("when");
		return new Incremental(when == null ? null : String.valueOf(when), String.valueOf(where), changes);
	}

	/**
	 * What the marts are a function of besides the landing rows: the SQL of the schema,
	 * the models and their declarations, and the reference tables' contents.
	 */
	private String fingerprint() throws SQLException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		List<String> parts = new ArrayList<>();
		parts.add(Warehouse.resource("models.index"));
		parts.add(Warehouse.resource(CHANGE_SET));
		for (String folder : List.of("schema/", "staging/", "marts/")) {
			for (String model : Warehouse.index(folder)) {
				parts.add(model);
				parts.add(Warehouse.resource(model));
				if (folder.equals("marts/")) {
					parts.add(String.valueOf(incremental(model)));
				}
			}
		}
		try (Statement st = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select table_name from duckdb_tables() where schema_name = 'main'"
					+ " and not temporary and starts_with(table_name, 'ref_') order by table_name")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rs = st
					.executeQuery("select count(*), coalesce(sum(hash(t)), 0) from " + table + " as t")) {
					rs.next();
					parts.add(table + ":" + rs.getString(1) + ":" + rs.getString(2));
				}
			}
		}
		for (String part : parts) {
			digest.update(part.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private String storedFingerprint() throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select fingerprint from model_build_state")) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private void saveState(String fingerprint) throws SQLException {
		try (Statement st = connection.createStatement()) {
			st.execute("delete from model_build_state");
			st.execute("insert into model_build_state values (" + Warehouse.literal(fingerprint)
					+ ", current_timestamp::timestamp)");
			st.execute("delete from model_build_file");
			st.execute("""
					insert into model_build_file
					select sha256, path, hash(audit_file), list_kind, coalesce(submitter_code, '') from audit_file""");
		}
	}

	private long count(String sql) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
