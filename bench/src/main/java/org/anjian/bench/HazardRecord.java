package org.anjian.bench;

import java.util.SplittableRandom;

/**
 * One generated ledger row as vocabulary ids, epoch days and numbers, filled in place by
 * {@link #next} so a million rows allocate nothing. The same seed gives the same rows
 * whether they go into a workbook or straight into DuckDB.
 */
final class HazardRecord {

	/** No value: the cell is left out, as Excel leaves out empty cells. */
	static final int NONE = -1;

	/** What a planted bad row gets wrong, in the order they are planted. */
	enum Fault {

		NONE, BAD_FOUND_DATE, UNKNOWN_LEVEL, RECTIFIED_BEFORE_FOUND

	}

	int enterprise;

	int description;

	int level;

	/**
	 * 发现日期 as an epoch day; {@link #foundText} instead when the planted fault is a date
	 * that is no date.
	 */
	long foundOn;

	int foundText = NONE;

	int source;

	int measures;

	int responsible;

	/** 整改资金（万元） in hundredths (two decimals); NONE when left empty. */
	int fundsCents;

	long deadline;

	int status;

	/** 整改完成日期 as an epoch day, or NONE. */
	long rectifiedOn;

	int remarks;

	Fault fault = Fault.NONE;

	private final LedgerVocabulary vocabulary;

	private final SplittableRandom random;

	HazardRecord(LedgerVocabulary vocabulary, long seed) {
		this.vocabulary = vocabulary;
		this.random = new SplittableRandom(seed);
	}

	/**
	 * The next row; {@code fault} plants one bad value without changing what the random
	 * stream yields afterwards.
	 */
	HazardRecord next(Fault fault) {
		LedgerVocabulary v = vocabulary;
		SplittableRandom r = random;
		// a few enterprises report most hazards, as in real ledgers: the square skews
		// draws towards low indices
		double skew = r.nextDouble();
		enterprise = (int) (skew * skew * v.enterprises.length);
		LedgerVocabulary.Enterprise e = v.enterprises[enterprise];
		description = r.nextInt(v.descriptions.length);
		boolean major = r.nextInt(100) < 5;
		level = major ? v.levelMajor : v.levelGeneral;
		long found = LedgerDates.FIRST_FOUND.toEpochDay() + r.nextInt(LedgerDates.FOUND_DAYS);
		foundOn = found;
		foundText = NONE;
		source = r.nextInt(100) < 65 ? v.sourceSelf : v.sourceEnforcement;
		int defect = v.descriptionDefect[description];
		measures = v.measures[defect][r.nextInt(v.measures[defect].length)];
		responsible = e.responsible()[r.nextInt(e.responsible().length)];
		int funds = major ? 50_000 + r.nextInt(2_000_000) : r.nextInt(20_000);
		fundsCents = r.nextInt(10) == 0 ? NONE : funds;
		deadline = found + (major ? 30 + r.nextInt(60) : 3 + r.nextInt(28));
		int state = r.nextInt(100);
		long lastDay = LedgerDates.LAST_DAY.toEpochDay();
		if (state < 70) {
			status = v.statusRectified;
			rectifiedOn = Math.min(lastDay, found + r.nextInt(major ? 60 : 20));
		}
		else {
			status = state < 90 ? v.statusInProgress : v.statusNotStarted;
			rectifiedOn = NONE;
		}
		remarks = r.nextInt(100) < 60 ? NONE : v.remarks[r.nextInt(v.remarks.length)];
		this.fault = fault;
		switch (fault) {
			case BAD_FOUND_DATE -> foundText = v.badDates[(int) (found % v.badDates.length)];
			case UNKNOWN_LEVEL -> level = v.badLevel;
			case RECTIFIED_BEFORE_FOUND -> {
				status = v.statusRectified;
				rectifiedOn = found - 1 - (found % 20);
			}
			case NONE -> {
			}
		}
		return this;
	}

	LedgerVocabulary.Enterprise enterprise() {
		return vocabulary.enterprises[enterprise];
	}

}
