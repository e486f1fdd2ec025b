package org.anjian.bench;

import java.nio.file.Path;
import java.util.Locale;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * {@code forms --count N --dir DIR [--seed S] [--reference DIR]}: writes N distinct
 * summary-form files ({@link SummaryFormGenerator}) into an inbox folder, for timing
 * {@code anjian ingest} on them by hand or in the bench's whole-process workloads.
 */
public final class FormsCommand implements AnjianCommand {

	public static final String NAME = "forms";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		int count = Integer.parseInt(args.option("count").orElse("1000"));
		Path dir = args.requiredFolder("dir");
		long seed = Long.parseLong(args.option("seed").orElse("18"));
		ReferenceData reference = args.path("reference")
			.map(ReferenceDataLoader::load)
			.orElseGet(ReferenceDataLoader::loadDemo);
		long start = System.nanoTime();
		SummaryFormGenerator.Forms forms = new SummaryFormGenerator(reference, seed).write(dir, count);
		out.line(String.format(Locale.ROOT, "汇总表 %d 份：%s（%.1f MB，%d 份带版式变体，%d 份带长备注，%.1f 秒）", forms.files(), dir,
				forms.bytes() / 1e6, forms.quirked(), forms.remarks(), (System.nanoTime() - start) / 1e9));
		return ExitCodes.OK;
	}

}
