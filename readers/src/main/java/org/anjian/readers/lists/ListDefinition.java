package org.anjian.readers.lists;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.anjian.readers.Severity;
import org.anjian.readers.forms.HeaderText;

/**
 * How one list kind is recognised and checked, read from
 * {@code lists/<kind code>.properties}: header synonyms per column code, value types,
 * vocabularies, which columns a header needs and which blank or bad values reject a row.
 * One generic reader ({@link ListFileReader}) works from these; there is no code per
 * list. Syntax: the comment at the top of {@code hazard_ledger.properties} and
 * readers/README.md.
 */
public final class ListDefinition {

	/** What a column's cells hold. */
	public enum ValueType {

		TEXT, DATE, DECIMAL, USCC, MOBILE, VOCABULARY

	}

	/**
	 * {@code column}'s date must not be before {@code other}'s; a finding of
	 * {@code severity} when it is.
	 */
	record Order(String column, String other, Severity severity) {
	}

	/** {@code column} blank while {@code other} holds {@code value}: a warning. */
	record Condition(String column, String other, String value) {
	}

	/**
	 * A column the file has no cell for ({@code list} of the directories): the first
	 * value whose title word is in the title, else whose column is in the header, else
	 * the one marked always.
	 */
	record Derived(String column, List<String[]> titleWords, List<String[]> columns, String always) {
	}

	private final ListKind kind;

	private final Map<String, List<String>> headers;

	/**
	 * Column code → its normalised synonyms as a set, and the same with bracketed parts
	 * dropped: computed once, so that matching a header cell is a lookup, not a loop over
	 * synonyms with a regex each.
	 */
	private final Map<String, Set<String>> headerSets = new HashMap<>();

	private final Map<String, Set<String>> bareHeaderSets = new HashMap<>();

	/** Column code → its first header synonym as written, for messages. */
	private final Map<String, String> labels = new HashMap<>();

	/** Vocabulary column → the first text of each value, for messages. */
	private final Map<String, List<String>> allowed = new HashMap<>();

	private final Map<String, ValueType> types;

	private final Map<String, Map<String, String>> vocabularies;

	private final List<String> headerRequired;

	private final List<String> valueRequired;

	private final List<String> valueExpected;

	private final Set<String> strict;

	private final List<Order> orders;

	private final List<Condition> conditions;

	private final Set<String> items;

	private final List<Derived> derived;

	private ListDefinition(ListKind kind, Properties properties) {
		this.kind = kind;
		Map<String, List<String>> headerMap = new LinkedHashMap<>();
		Map<String, ValueType> typeMap = new HashMap<>();
		Map<String, Map<String, String>> vocabularyMap = new HashMap<>();
		for (String column : kind.columns()) {
			String synonyms = properties.getProperty("column." + column);
			if (synonyms != null && !synonyms.isBlank()) {
				labels.put(column, synonyms.split("\\|")[0].strip());
				headerMap.put(column,
						Arrays.stream(synonyms.split("\\|"))
							.map(HeaderText::normalise)
							.filter(s -> !s.isEmpty())
							.toList());
			}
			String type = properties.getProperty("type." + column, "text").strip();
			typeMap.put(column, ValueType.valueOf(type.toUpperCase(java.util.Locale.ROOT)));
			String vocabulary = properties.getProperty("vocabulary." + column);
			if (vocabulary != null) {
				Map<String, String> words = new HashMap<>();
				List<String> shown = new ArrayList<>();
				for (String entry : vocabulary.split(";")) {
					int equals = entry.indexOf('=');
					if (equals < 0) {
						throw new IllegalArgumentException(
								kind.code() + ": vocabulary." + column + " needs code=text|…");
					}
					String code = entry.substring(0, equals).strip();
					shown.add(entry.substring(equals + 1).split("\\|")[0].strip());
					for (String word : entry.substring(equals + 1).split("\\|")) {
						words.put(word.strip(), code);
						words.put(HeaderText.normalise(word), code);
					}
					words.put(code, code);
				}
				vocabularyMap.put(column, Map.copyOf(words));
				allowed.put(column, List.copyOf(shown));
			}
			if (typeMap.get(column) == ValueType.VOCABULARY && !vocabularyMap.containsKey(column)) {
				throw new IllegalArgumentException(kind.code() + ": type.vocabulary without vocabulary." + column);
			}
		}
		this.headers = headerMap;
		headerMap.forEach((column, synonyms) -> {
			headerSets.put(column, Set.copyOf(synonyms));
			bareHeaderSets.put(column, synonyms.stream().map(HeaderText::withoutBrackets).collect(Collectors.toSet()));
		});
		this.types = typeMap;
		this.vocabularies = vocabularyMap;
		this.headerRequired = columns(properties, "header.required");
		this.valueRequired = columns(properties, "value.required");
		this.valueExpected = columns(properties, "value.expected");
		this.strict = Set.copyOf(columns(properties, "strict"));
		this.items = Set.copyOf(columns(properties, "items"));
		List<Order> orderList = new ArrayList<>();
		List<Condition> conditionList = new ArrayList<>();
		List<Derived> derivedList = new ArrayList<>();
		for (String column : kind.columns()) {
			String order = properties.getProperty("not_before." + column);
			if (order != null) {
				String[] parts = order.split(":");
				orderList.add(new Order(column, known(parts[0].strip()),
						parts.length > 1 && parts[1].strip().equals("error") ? Severity.ERROR : Severity.WARNING));
			}
			String condition = properties.getProperty("required_when." + column);
			if (condition != null) {
				String[] parts = condition.split("=");
				conditionList.add(new Condition(column, known(parts[0].strip()), parts[1].strip()));
			}
			String derivation = properties.getProperty("derived." + column);
			if (derivation != null) {
				derivedList.add(derived(column, derivation));
			}
		}
		this.orders = List.copyOf(orderList);
		this.conditions = List.copyOf(conditionList);
		this.derived = List.copyOf(derivedList);
		if (headerRequired.isEmpty()) {
			throw new IllegalArgumentException(kind.code() + ": header.required is empty");
		}
	}

	private Derived derived(String column, String text) {
		List<String[]> titleWords = new ArrayList<>();
		List<String[]> columns = new ArrayList<>();
		String always = null;
		for (String entry : text.split(";")) {
			int colon = entry.indexOf(':');
			String value = entry.substring(0, colon).strip();
			for (String condition : entry.substring(colon + 1).split("\\|")) {
				String c = condition.strip();
				if (c.startsWith("title=")) {
					titleWords.add(new String[] { HeaderText.normalise(c.substring(6)), value });
				}
				else if (c.startsWith("column=")) {
					columns.add(new String[] { known(c.substring(7).strip()), value });
				}
				else if (c.equals("always")) {
					always = value;
				}
			}
		}
		return new Derived(column, titleWords, columns, always);
	}

	private String known(String column) {
		if (kind.indexOf(column) < 0) {
			throw new IllegalArgumentException(kind.code() + ": unknown column " + column);
		}
		return column;
	}

	private List<String> columns(Properties properties, String key) {
		return Arrays.stream(properties.getProperty(key, "").split(","))
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.map(this::known)
			.toList();
	}

	/** The bundled definitions, one per {@link ListKind}, in the enum's order. */
	public static List<ListDefinition> bundled() {
		List<ListDefinition> definitions = new ArrayList<>();
		for (ListKind kind : ListKind.values()) {
			String resource = "lists/" + kind.code() + ".properties";
			try (InputStream in = ListDefinition.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("missing " + resource);
				}
				definitions.add(load(kind, new InputStreamReader(in, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return List.copyOf(definitions);
	}

	/** Reads a definition for {@code kind} from UTF-8 properties text. */
	public static ListDefinition load(ListKind kind, Reader reader) throws IOException {
		Properties properties = new Properties();
		properties.load(reader);
		String declared = properties.getProperty("kind", kind.code()).strip();
		if (!declared.equals(kind.code())) {
			throw new IllegalArgumentException("definition for " + declared + " loaded as " + kind.code());
		}
		return new ListDefinition(kind, properties);
	}

	public ListKind kind() {
		return kind;
	}

	/** Column code → normalised header synonyms (columns a file may carry). */
	Map<String, List<String>> headers() {
		return headers;
	}

	/** Whether a normalised header cell is one of the column's synonyms. */
	boolean isHeader(String column, String normalised) {
		return headerSets.get(column).contains(normalised);
	}

	/**
	 * Whether a normalised header cell without its bracketed parts is one of the column's
	 * synonyms without theirs.
	 */
	boolean isBareHeader(String column, String bare) {
		return bareHeaderSets.get(column).contains(bare);
	}

	/** The column's name for messages: its first header synonym (企业名称), or the code. */
	public String label(String column) {
		return labels.getOrDefault(column, column);
	}

	/** A vocabulary column's values as a clerk writes them (重大、一般), for messages. */
	List<String> allowed(String column) {
		return allowed.getOrDefault(column, List.of());
	}

	ValueType type(String column) {
		return types.getOrDefault(column, ValueType.TEXT);
	}

	/** For a vocabulary column, text as written or normalised → value code. */
	Map<String, String> vocabulary(String column) {
		return vocabularies.getOrDefault(column, Map.of());
	}

	public List<String> headerRequired() {
		return headerRequired;
	}

	List<String> valueRequired() {
		return valueRequired;
	}

	List<String> valueExpected() {
		return valueExpected;
	}

	boolean isStrict(String column) {
		return strict.contains(column);
	}

	List<Order> orders() {
		return orders;
	}

	List<Condition> conditions() {
		return conditions;
	}

	boolean splitsItems(String column) {
		return items.contains(column);
	}

	List<Derived> derived() {
		return derived;
	}

}
