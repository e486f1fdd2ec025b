package org.anjian.jobs.submissions;

import java.time.YearMonth;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Submitter;

/**
 * Who sent a table, for which campaign and month; null where not recognised (then
 * {@code findings} says why).
 *
 * @param periodSource where the month came from: title, field, path or fill-date
 */
record Recognition(Submitter submitter, Campaign campaign, YearMonth period, String periodSource,
		List<Finding> findings) {
}
