package org.anjian.readers;

import java.nio.file.Path;
import java.util.List;

import org.anjian.readers.grid.Grid;

/**
 * A 统计汇总表: a summary form's header within the first 60 rows of {@code sheet}. The front
 * door has checked the file against the summary limits already (an .xlsx's whole
 * package), so the read only builds and locates the table.
 *
 * @param formId the form whose header was found (F-000 …)
 * @param sheet the sheet that decided
 * @param grids every sheet, when the front door built them through the zip it had open
 * (an .xlsx), so the read need not open the file again; null: the read reads the file
 * @param located the deciding sheet's grid among {@code grids} and the header the front
 * door found in it, when that sheet ended within the rows it sniffed (a small form: the
 * sniffed grid is the whole sheet), so the read need not search it again; null: none
 */
public record SummaryTableFile(Path path, String format, String formId, String sheet, List<Grid> grids,
		SummaryTableFileReader.Located located) implements SubmissionFile {

	public SummaryTableFile(Path path, String format, String formId, String sheet) {
		this(path, format, formId, sheet, null, null);
	}

	/** The same file with its sheets as the front door read them. */
	SummaryTableFile withGrids(List<Grid> read) {
		return new SummaryTableFile(path, format, formId, sheet, List.copyOf(read), located);
	}

	/** The same file with the header the front door found in the whole deciding sheet. */
	SummaryTableFile withLocated(SummaryTableFileReader.Located found) {
		return new SummaryTableFile(path, format, formId, sheet, grids, found);
	}

}
