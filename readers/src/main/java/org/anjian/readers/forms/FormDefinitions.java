package org.anjian.readers.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Loads form definitions from properties files: the bundled ones under {@code forms/} on
 * the class path (listed in {@code forms/forms.index}), or any other file a deployment
 * supplies. Keys missing from a form's file come from {@code forms/defaults.properties}.
 * The syntax is described in readers/README.md and in F-000.properties.
 */
public final class FormDefinitions {

	private static final String FOLDER = "forms/";

	private FormDefinitions() {
	}

	/** The forms bundled with the reader, in the order of {@code forms/forms.index}. */
	public static List<FormDefinition> bundled() {
		List<FormDefinition> forms = new ArrayList<>();
		for (String line : resourceText(FOLDER + "forms.index").split("\\R")) {
			String name = line.strip();
			if (!name.isEmpty() && !name.startsWith("#")) {
				try (Reader reader = resourceReader(FOLDER + name)) {
					forms.add(load(reader));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return List.copyOf(forms);
	}

	/**
	 * Reads one form definition (UTF-8 properties text), with the bundled defaults under
	 * it.
	 */
	public static FormDefinition load(Reader reader) throws IOException {
		Properties defaults = new Properties();
		try (Reader defaultsReader = resourceReader(FOLDER + "defaults.properties")) {
			defaults.load(defaultsReader);
		}
		Properties properties = new Properties(defaults);
		properties.load(reader);
		String id = required(properties, "id");
		Set<String> optional = new HashSet<>(codes(properties.getProperty("optional", "")));
		List<MeasureColumn> measures = new ArrayList<>();
		for (String code : codes(required(properties, "measures"))) {
			String patterns = properties.getProperty("measure." + code);
			if (patterns == null || patterns.isBlank()) {
				throw new IllegalArgumentException("表式 " + id + " 缺少 measure." + code + " 的表头写法");
			}
			measures.add(new MeasureColumn(code,
					Arrays.stream(patterns.split(";")).filter(p -> !p.isBlank()).map(HeaderPattern::parse).toList(),
					optional.contains(code)));
		}
		List<String> codes = measures.stream().map(MeasureColumn::code).toList();
		List<String> stocks = codes(properties.getProperty("stock", ""));
		for (String stock : stocks) {
			if (!codes.contains(stock)) {
				throw new IllegalArgumentException("表式 " + id + " 的 stock 列 " + stock + " 不在 measures 中");
			}
		}
		List<RateColumn> rates = new ArrayList<>();
		for (String code : codes(properties.getProperty("rates", ""))) {
			List<String> headers = list(properties, "rate." + code);
			String[] of = properties.getProperty("rate." + code + ".of", "").strip().split("/");
			if (headers.isEmpty() || of.length != 2 || !codes.contains(of[0].strip())
					|| !codes.contains(of[1].strip())) {
				throw new IllegalArgumentException(
						"表式 " + id + " 的比率 " + code + " 需要 rate." + code + "（表头）和 rate." + code + ".of=分子/分母（本表的指标代码）");
			}
			rates.add(new RateColumn(code, headers, of[0].strip(), of[1].strip()));
		}
		return new FormDefinition(id, properties.getProperty("name", id), list(properties, "label"),
				List.copyOf(measures), list(properties, "total"), list(properties, "footer"), list(properties, "units"),
				list(properties, "ignore"), list(properties, "rows.keep"), list(properties, "rows.drop"),
				list(properties, "rows.month"),
				Boolean.parseBoolean(properties.getProperty("rows.unit", "false").strip()), stocks, List.copyOf(rates));
	}

	private static String required(Properties properties, String key) {
		String value = properties.getProperty(key);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("表式定义缺少 " + key);
		}
		return value.strip();
	}

	private static List<String> codes(String text) {
		return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static List<String> list(Properties properties, String key) {
		return HeaderPattern.alternatives(properties.getProperty(key, ""));
	}

	private static Reader resourceReader(String name) {
		InputStream in = FormDefinitions.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("class path resource missing: " + name);
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

	private static String resourceText(String name) {
		try (Reader reader = resourceReader(name)) {
			StringBuilder text = new StringBuilder();
			char[] buffer = new char[4096];
			for (int n; (n = reader.read(buffer)) > 0;) {
				text.append(buffer, 0, n);
			}
			return text.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
