package org.anjian.readers.lists;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anjian.readers.CellNumbers;
import org.anjian.readers.Finding;
import org.anjian.readers.Severity;
import org.anjian.readers.SheetFields;
import org.anjian.readers.forms.HeaderText;
import org.anjian.readers.lists.ListHeaders.HeaderMatch;

import static org.anjian.readers.lists.ListFileReader.LIST_AMOUNT_INVALID;
import static org.anjian.readers.lists.ListFileReader.LIST_DATE_INVALID;
import static org.anjian.readers.lists.ListFileReader.LIST_DATE_ORDER;
import static org.anjian.readers.lists.ListFileReader.LIST_MOBILE_INVALID;
import static org.anjian.readers.lists.ListFileReader.LIST_USCC_INVALID;
import static org.anjian.readers.lists.ListFileReader.LIST_VALUE_MISSING;
import static org.anjian.readers.lists.ListFileReader.LIST_VALUE_UNKNOWN;

/**
 * The row checks of one list: its definition resolved to the header's column positions
 * once, then each data row's cells typed and checked — an error rejects the row
 * (reported, not passed on), a warning only annotates it — and accepted rows sent to the
 * sink. Blank rows, footer lines, “……” and repeated header rows are skipped and not
 * counted. One instance per file, used by one thread.
 */
final class ListRowChecks {

	private static final java.util.regex.Pattern NOTE = java.util.regex.Pattern.compile("(注|说明)\\s*[:：、.．\\d]");

	private final ListRowSink sink;

	private final String sheet;

	private final ListDefinition definition;

	private final ListKind kind;

	private final int[] columns;

	private final String[] headerTexts;

	private final String[] derivedValues;

	private int itemsColumn = -1;

	private final List<Finding> rowFindings = new ArrayList<>();

	private final String[] raw;

	// the definition resolved to column positions once per file, not looked up per cell
	private final boolean[] strictOf;

	private final String[] codeOf;

	/**
	 * Per column, its type's check. Called through this array, the checks are compiled
	 * each on its own rather than inlined into {@link #row}: a check's recompilation (its
	 * loops meet the first unusual cell) then recompiles that check, not the whole row
	 * with every check in it (a million-row ledger had {@code row}, 25 kB of code with
	 * the checks inlined, compiled four times over).
	 */
	private final CellCheck[] checkOf;

	/** Per column, its vocabulary, or null: not a vocabulary column. */
	private final Vocabulary[] vocabularyOf;

	private final int[] requiredColumns;

	private final int[] expectedColumns;

	/** Per order of the definition: the column and the one it must not precede. */
	private final int[][] orderColumns;

	/** Per condition: the column, and the column whose value makes it expected. */
	private final int[][] conditionColumns;

	private long rowsRead;

	private long accepted;

	private long rejected;

	private long warnings;

	/**
	 * @param title the title lines above the header (a directory's key/general list is
	 * derived from it)
	 */
	ListRowChecks(ListRowSink sink, String sheet, String title, HeaderMatch header) {
		this.sink = sink;
		this.sheet = sheet;
		this.definition = header.definition();
		this.kind = definition.kind();
		this.columns = header.columns();
		this.headerTexts = header.headerTexts();
		this.derivedValues = derive(header, title);
		for (String column : kind.columns()) {
			if (definition.splitsItems(column)) {
				itemsColumn = kind.indexOf(column);
			}
		}
		raw = new String[columns.length];
		strictOf = new boolean[columns.length];
		codeOf = kind.columns().toArray(new String[0]);
		checkOf = new CellCheck[columns.length];
		vocabularyOf = new Vocabulary[columns.length];
		for (int i = 0; i < columns.length; i++) {
			strictOf[i] = definition.isStrict(codeOf[i]);
			if (definition.type(codeOf[i]) == ListDefinition.ValueType.VOCABULARY) {
				vocabularyOf[i] = new Vocabulary(definition.vocabulary(codeOf[i]));
			}
			checkOf[i] = switch (definition.type(codeOf[i])) {
				case DATE -> this::date;
				case DECIMAL -> this::amount;
				case VOCABULARY -> this::vocabularyCode;
				case USCC -> this::uscc;
				case MOBILE -> this::mobile;
				default -> ListRowChecks::asWritten;
			};
		}
		requiredColumns = definition.valueRequired().stream().mapToInt(kind::indexOf).toArray();
		expectedColumns = definition.valueExpected().stream().mapToInt(kind::indexOf).toArray();
		orderColumns = definition.orders()
			.stream()
			.map(o -> new int[] { kind.indexOf(o.column()), kind.indexOf(o.other()) })
			.toArray(int[][]::new);
		conditionColumns = definition.conditions()
			.stream()
			.map(c -> new int[] { kind.indexOf(c.column()), kind.indexOf(c.other()) })
			.toArray(int[][]::new);
	}

	long rowsRead() {
		return rowsRead;
	}

	long accepted() {
		return accepted;
	}

	long rejected() {
		return rejected;
	}

	long warnings() {
		return warnings;
	}

	private String[] derive(HeaderMatch header, String title) {
		String[] values = new String[columns.length];
		String normalisedTitle = HeaderText.normalise(title);
		for (ListDefinition.Derived derived : definition.derived()) {
			String value = null;
			for (String[] word : derived.titleWords()) {
				if (value == null && normalisedTitle.contains(word[0])) {
					value = word[1];
				}
			}
			for (String[] column : derived.columns()) {
				if (value == null && header.columns()[kind.indexOf(column[0])] >= 0) {
					value = column[1];
				}
			}
			values[kind.indexOf(derived.column())] = value != null ? value : derived.always();
		}
		return values;
	}

	/**
	 * One data row; {@code texts} holds its cells in the order of {@link #columns} (null
	 * where absent).
	 */
	void row(int rowIndex, String[] texts) {
		int filled = 0;
		int lastFilled = -1;
		for (int i = 0; i < columns.length; i++) {
			String text = columns[i] < 0 ? "" : CellNumbers.trim(texts[i]);
			raw[i] = text;
			if (!text.isEmpty()) {
				filled++;
				lastFilled = i;
			}
		}
		if (filled == 0 || filled == 1 && isFooterOrPlaceholder(raw[lastFilled])) {
			return; // blank row, “填报人：…”, “注：…”, “……”
		}
		if (isRepeatedHeader()) {
			return; // the header repeated (printed page by page, or pasted twice)
		}
		rowsRead++;
		int rowNumber = rowIndex + 1;
		rowFindings.clear();
		String[] values = derivedValues.clone();
		for (int i = 0; i < columns.length; i++) {
			if (columns[i] >= 0 && !raw[i].isEmpty()) {
				values[i] = checkOf[i].value(raw[i], i, rowNumber);
			}
		}
		for (int i : requiredColumns) {
			if (columns[i] >= 0 && raw[i].isEmpty()) {
				add(Severity.ERROR, LIST_VALUE_MISSING, rowNumber, i, "“" + headerTexts[i] + "”未填写，该行未导入");
			}
		}
		for (int i : expectedColumns) {
			if (columns[i] >= 0 && raw[i].isEmpty()) {
				add(Severity.WARNING, LIST_VALUE_MISSING, rowNumber, i, "“" + headerTexts[i] + "”未填写");
			}
		}
		orders(values, rowNumber);
		for (int k = 0; k < conditionColumns.length; k++) {
			ListDefinition.Condition condition = definition.conditions().get(k);
			int i = conditionColumns[k][0];
			int other = conditionColumns[k][1];
			if (values[i] == null && condition.value().equals(values[other]) && columns[other] >= 0) {
				add(Severity.WARNING, LIST_VALUE_MISSING, rowNumber, columns[i] >= 0 ? i : other,
						"“" + headerTexts[other] + "”为“" + raw[other] + "”，但"
								+ (columns[i] >= 0 ? "“" + headerTexts[i] + "”未填写"
										: "表中没有“" + definition.label(condition.column()) + "”栏目"));
			}
		}
		boolean rejectedRow = false;
		for (Finding finding : rowFindings) {
			rejectedRow |= finding.isError();
			warnings += finding.isError() ? 0 : 1;
			sink.finding(finding);
		}
		if (rejectedRow) {
			rejected++;
			return;
		}
		accepted++;
		List<String> items = itemsColumn >= 0 ? Items.split(values[itemsColumn]) : List.of();
		sink.row(new ListRow(rowNumber, values, items));
	}

	private boolean isFooterOrPlaceholder(String text) {
		// “注：…”, “注1.…”, “说明：…” but not an enterprise called 注塑厂
		return SheetFields.isField(text) || NOTE.matcher(text).lookingAt()
				|| text.chars().allMatch(ch -> ".…。⋯·、".indexOf(ch) >= 0);
	}

	private boolean isRepeatedHeader() {
		int same = 0;
		int present = 0;
		for (int i = 0; i < columns.length; i++) {
			if (columns[i] >= 0 && !raw[i].isEmpty()) {
				present++;
				same += raw[i].equals(headerTexts[i]) ? 1 : 0;
			}
		}
		return same >= 2 && same * 2 >= present;
	}

	/** The stored value of one non-blank cell, adding findings when it does not fit. */
	@FunctionalInterface
	private interface CellCheck {

		String value(String text, int i, int rowNumber);

	}

	private Severity severity(int i) {
		return strictOf[i] ? Severity.ERROR : Severity.WARNING;
	}

	private String consequence(int i) {
		return strictOf[i] ? "，该行未导入" : "，该项按未填写处理";
	}

	private static String asWritten(String text, int i, int rowNumber) {
		return text;
	}

	private String date(String text, int i, int rowNumber) {
		String date = ListDates.parse(text);
		if (date == null) {
			add(severity(i), LIST_DATE_INVALID, rowNumber, i, "“" + headerTexts[i] + "”填写为“" + text
					+ "”，不是有效日期（应如 2024-05-03、2024/5/3 或 2024年5月3日）" + consequence(i));
		}
		return date;
	}

	private String amount(String text, int i, int rowNumber) {
		String amount = Amounts.parse(text);
		if (amount == null || amount.startsWith("-")) {
			add(severity(i), LIST_AMOUNT_INVALID, rowNumber, i,
					"“" + headerTexts[i] + "”填写为“" + text + "”，不是非负的数字金额（单位万元，如 1.5）" + consequence(i));
			return null;
		}
		return amount;
	}

	/**
	 * A vocabulary column's codes, and what each text not written as one of them came to
	 * ({@link OffList}).
	 */
	private static final class Vocabulary {

		/**
		 * Off-list texts kept per column at most: a column of ever new text costs no more
		 * memory.
		 */
		static final int OFF_LIST_TEXTS = 256;

		final Map<String, String> codes;

		final Map<String, OffList> offList = new HashMap<>();

		Vocabulary(Map<String, String> codes) {
			this.codes = codes;
		}

	}

	/**
	 * A text not written as the vocabulary has it: its code once normalised, or, when it
	 * has none, the finding's message.
	 */
	private record OffList(String code, String message) {
	}

	private String vocabularyCode(String text, int i, int rowNumber) {
		String code = vocabularyOf[i].codes.get(text);
		if (code != null) {
			return code;
		}
		OffList off = offList(text, i);
		if (off.code() == null) {
			add(severity(i), LIST_VALUE_UNKNOWN, rowNumber, i, off.message());
		}
		return off.code();
	}

	/**
	 * Normalised, looked up and worded once per text and column: a ledger repeats its few
	 * off-list texts (one writes “双随机抽查” for 隐患来源 in a tenth of its million rows), and
	 * doing it on every row also made the row's check one of the costliest compilations
	 * of a run.
	 */
	private OffList offList(String text, int i) {
		OffList off = vocabularyOf[i].offList.get(text);
		return off != null ? off : firstSeen(text, i);
	}

	/**
	 * A text's first time in the column: a method of its own, so that the compiled row
	 * check holds only the lookup above.
	 */
	private OffList firstSeen(String text, int i) {
		Vocabulary vocabulary = vocabularyOf[i];
		String code = vocabulary.codes.get(HeaderText.normalise(text));
		OffList off = new OffList(code, code != null ? null
				: "“" + headerTexts[i] + "”填写为“" + text + "”，不是规定的填法（" + allowed(codeOf[i]) + "）" + consequence(i));
		if (vocabulary.offList.size() < Vocabulary.OFF_LIST_TEXTS) {
			vocabulary.offList.put(text, off);
		}
		return off;
	}

	private String allowed(String column) {
		return String.join("、", definition.allowed(column));
	}

	/** Compiled once: a ledger's codes may all take this path (one per row). */
	private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

	private String uscc(String text, int i, int rowNumber) {
		String code = text.length() == 18 && isAsciiUpper(text) ? text
				: WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
					.replaceAll("")
					.toUpperCase(java.util.Locale.ROOT);
		Uscc.Problem problem = Uscc.problem(code);
		if (problem == null) {
			return code;
		}
		String why = problem == Uscc.Problem.MALFORMED ? "应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）"
				: "校验位错误，按前17位计算第18位应为“" + Uscc.checkCharacter(code) + "”";
		add(Severity.WARNING, LIST_USCC_INVALID, rowNumber, i,
				"“" + headerTexts[i] + "”填写为“" + text + "”，" + why + "，请核对（已按原样保留）");
		return text.toUpperCase(java.util.Locale.ROOT);
	}

	/**
	 * ASCII without lower-case letters: what NFKC, removing spaces and upper-casing leave
	 * as it is (18 chars).
	 */
	private static boolean isAsciiUpper(String text) {
		for (int k = 0; k < text.length(); k++) {
			char ch = text.charAt(k);
			if (ch >= 128 || ch >= 'a' && ch <= 'z' || ch <= ' ') {
				return false;
			}
		}
		return true;
	}

	/** Compiled once, like {@link #WHITESPACE}. */
	private static final java.util.regex.Pattern MOBILE_SEPARATORS = java.util.regex.Pattern.compile("[\\s\\-]");

	private String mobile(String text, int i, int rowNumber) {
		String digits = MOBILE_SEPARATORS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("");
		if (digits.startsWith("+86")) {
			digits = digits.substring(3);
		}
		if (digits.length() == 11 && digits.charAt(0) == '1' && digits.chars().allMatch(Character::isDigit)) {
			return digits;
		}
		add(Severity.WARNING, LIST_MOBILE_INVALID, rowNumber, i,
				"“" + headerTexts[i] + "”填写为“" + text + "”，不是11位手机号码，请核对（已按原样保留）");
		return text;
	}

	private void orders(String[] values, int rowNumber) {
		for (int k = 0; k < orderColumns.length; k++) {
			ListDefinition.Order order = definition.orders().get(k);
			int i = orderColumns[k][0];
			int other = orderColumns[k][1];
			// ISO dates compare as text
			if (values[i] != null && values[other] != null && values[i].compareTo(values[other]) < 0) {
				add(order.severity(), LIST_DATE_ORDER, rowNumber, i,
						"“" + headerTexts[i] + "”" + values[i] + " 早于“" + headerTexts[other] + "”" + values[other]
								+ "，请核对" + (order.severity() == Severity.ERROR ? "，该行未导入" : ""));
			}
		}
	}

	private void add(Severity severity, String rule, int rowNumber, int i, String message) {
		String column = headerTexts[i];
		String text = "工作表“" + sheet + "”第" + rowNumber + "行：" + message;
		rowFindings.add(new Finding(severity, rule, sheet, rowNumber, column, text));
	}

}
