package org.anjian.jobs.nightly;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.jobs.exports.ExportCommand;
import org.anjian.jobs.rollups.RollupCommand;
import org.anjian.jobs.submissions.IngestCommand;
import org.anjian.schedules.DueRollup;
import org.anjian.schedules.DueRollups;
import org.anjian.schedules.RollupKey;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.springframework.stereotype.Component;

/**
 * {@code nightly --inbox DIR [--now DATETIME]}: ingest (files received after now are not seen yet), then every rollup
 * that has come due by now and has not been produced, in calendar order, then exports. A second run for the same now
 * finds nothing new to do.
 */
@Component
public class NightlyCommand implements AnjianCommand {

	private final IngestCommand ingest;

	private final RollupCommand rollup;

	private final ExportCommand export;

	private final ReferenceData reference;

	private final Warehouse warehouse;

	NightlyCommand(IngestCommand ingest, RollupCommand rollup, ExportCommand export, ReferenceData reference,
			Warehouse warehouse) {
		this.ingest = ingest;
		this.rollup = rollup;
		this.export = export;
		this.reference = reference;
		this.warehouse = warehouse;
	}

	@Override
	public String name() {
		return "nightly";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		Path inbox = args.requiredFolder("inbox");
		LocalDateTime now = args.dateTime("now").orElse(LocalDateTime.now(ZoneId.of("Asia/Shanghai")));
		return nightly(inbox, now, out);
	}

	public int nightly(Path inbox, LocalDateTime now, CommandOutput out) throws Exception {
		out.line("夜间作业，业务时间 " + now.toString().replace('T', ' '));
		int code = ingest.ingest(inbox, now, out);
		if (code != ExitCodes.OK) {
			return code;
		}
		List<DueRollup> due = DueRollups.dueBy(reference, now, produced());
		if (due.isEmpty()) {
			out.line("没有到期未做的汇总");
		}
		for (DueRollup d : due) {
			code = rollup.rollup(reference.campaign(d.campaign()).orElseThrow(), d.period(),
					RollupKind.fromCode(d.kind()), d.asOf(), out);
			if (code != ExitCodes.OK) {
				return code;
			}
		}
		return export.export(false, out);
	}

	/** Rollups already materialized: their roster rows exist. */
	private List<RollupKey> produced() throws Exception {
		List<RollupKey> keys = new ArrayList<>();
		try (var st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select distinct campaign, period, kind from rollup_roster")) {
			while (rs.next()) {
				keys.add(new RollupKey(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3)));
			}
		}
		return keys;
	}

}
