package org.anjian.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.writers.official.OfficialTableExporter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 汇总 (office only): the rollups of one campaign and month, the official table from the
 * outbox previewed as it prints (its merged header cells kept), its .xlsx and manifest to
 * download.
 */
@Controller
class RollupsPage {

	/**
	 * One cell of the preview; {@code skip} when a merged cell above or left covers it.
	 */
	record PreviewCell(String text, int rowspan, int colspan, boolean skip) {

	}

	private final ReferenceData reference;

	private final Snapshot snapshot;

	private final WorkbenchSettings settings;

	private final ActionLog actions;

	private final WorkbenchActions runs;

	RollupsPage(ReferenceData reference, Snapshot snapshot, WorkbenchSettings settings, ActionLog actions,
			WorkbenchActions runs) {
		this.runs = runs;
		this.reference = reference;
		this.snapshot = snapshot;
		this.settings = settings;
		this.actions = actions;
	}

	@GetMapping("/rollups")
	String rollups(@RequestParam(required = false) String campaign, @RequestParam(required = false) String period,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String asOf, Model model)
			throws IOException {
		MonthPage.Selection selection = MonthPage.Selection.of(reference, snapshot, campaign, period);
		RollupKind rollupKind = kind == null ? RollupKind.CUTOFF : RollupKind.fromCode(kind);
		RollupRequest request = RollupRequest.of(reference, selection.campaign().code(), selection.month(), rollupKind,
				asOf(asOf));
		boolean whatIf = request.isWhatIf(reference);
		Path folder = OfficialTableExporter.folder(settings.outbox(), request, whatIf);
		List<String> files = new ArrayList<>();
		if (Files.isDirectory(folder)) {
			try (Stream<Path> list = Files.list(folder)) {
				// the official folder also holds the what-ifs' as-of-… folders
				list.filter(Files::isRegularFile)
					.map(p -> p.getFileName().toString())
					.filter(n -> !n.startsWith("."))
					.sorted()
					.forEach(files::add);
			}
		}
		String workbook = files.stream().filter(n -> n.endsWith(".xlsx")).findFirst().orElse(null);
		model.addAttribute("campaigns", reference.campaigns());
		model.addAttribute("campaign", selection.campaign());
		model.addAttribute("month", selection.month().toString());
		model.addAttribute("months", selection.months());
		model.addAttribute("kinds", RollupKind.values());
		model.addAttribute("kind", rollupKind);
		model.addAttribute("whatIf", whatIf);
		model.addAttribute("asOf", request.asOf().toString());
		model.addAttribute("defaultAsOf", Format
			.dateTime(RollupRequest.of(reference, request.campaign(), request.period(), rollupKind, null).asOf()));
		model.addAttribute("files", files);
		model.addAttribute("workbook", workbook);
		model.addAttribute("preview", workbook == null ? List.of() : preview(folder.resolve(workbook)));
		model.addAttribute("regions", snapshot.query("rollup_regions", rollupKind.code(), whatIf, request.campaign(),
				request.period().atDay(1), request.asOf()));
		Map<String, Object> done = new HashMap<>();
		snapshot.query("rollups_done", selection.campaign().code(), selection.month().atDay(1))
			.forEach(r -> done.put((String) r.get("kind"), r));
		model.addAttribute("done", whatIf ? null : done.get(rollupKind.code()));
		return "workbench/rollups";
	}

	/**
	 * 假设汇总: the rollup as of another time, run now through the run layer (its own whatif_
	 * rows and outbox folder; the official rollup stays as it was), then shown.
	 */
	@PostMapping("/rollups/whatif")
	String whatIf(@RequestParam String campaign, @RequestParam String period, @RequestParam String kind,
			@RequestParam String asOf, Authentication authentication, Model model) throws IOException {
		LocalDateTime at = asOf(asOf);
		if (at == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请填写截至时刻");
		}
		actions.record(authentication.getName(), "假设汇总", campaign + " " + period + " " + kind + " 截至 " + at);
		WorkbenchActions.Outcome outcome = runs
			.run(WorkbenchActions.rollup(campaign, YearMonth.parse(period), RollupKind.fromCode(kind), at));
		model.addAttribute("outcome", outcome);
		// the run exported a new snapshot since the page model was made
		model.addAttribute("snapshotAt", Format.dateTime(snapshot.publishedAt()));
		return rollups(campaign, period, kind, at.toString(), model);
	}

	@GetMapping("/rollups/download")
	ResponseEntity<Resource> download(@RequestParam String campaign, @RequestParam String period,
			@RequestParam String kind, @RequestParam String file, @RequestParam(required = false) String asOf,
			Authentication authentication) {
		Path folder = folder(campaign, period, kind).normalize();
		if (asOf != null && !asOf.isBlank() && !"bulletin".equals(kind)) {
			RollupRequest request = RollupRequest.of(reference, campaign, YearMonth.parse(period),
					RollupKind.fromCode(kind), asOf(asOf));
			folder = OfficialTableExporter.folder(settings.outbox(), request, request.isWhatIf(reference)).normalize();
		}
		Path target = folder.resolve(file).normalize();
		if (!target.getParent().equals(folder) || !Files.isRegularFile(target)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个上报表文件");
		}
		actions.record(authentication.getName(), "下载上报表", settings.outbox().relativize(target).toString());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(target.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(file.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM)
			.body(new FileSystemResource(target));
	}

	/**
	 * {@code 2024-05-20T12:00[:00]} (the page's datetime-local field), or null for none.
	 */
	private static LocalDateTime asOf(String asOf) {
		if (asOf == null || asOf.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(asOf.strip().replace(' ', 'T'));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "截至时刻应写成 2024-05-20T12:00:00 的样子：" + asOf);
		}
	}

	private Path folder(String campaign, String period, String kind) {
		if (!campaign.matches("[\\w-]+") || !period.matches("\\d{4}-\\d{2}") || !kind.matches("[a-z-]+")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "参数有误");
		}
		return settings.outbox().resolve(campaign).resolve(period).resolve(kind);
	}

	/** The first sheet's cells as text, as Excel displays them, merged cells spanning. */
	static List<List<PreviewCell>> preview(Path xlsx) throws IOException {
		try (InputStream in = Files.newInputStream(xlsx); Workbook workbook = WorkbookFactory.create(in)) {
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter formatter = new DataFormatter();
			int columns = 0;
			for (Row row : sheet) {
				columns = Math.max(columns, row.getLastCellNum());
			}
			List<List<PreviewCell>> rows = new ArrayList<>();
			for (int r = 0; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				List<PreviewCell> cells = new ArrayList<>();
				for (int c = 0; c < columns; c++) {
					Cell cell = row == null ? null : row.getCell(c);
					String text = cell == null ? "" : formatter.formatCellValue(cell);
					int rowspan = 1;
					int colspan = 1;
					boolean skip = false;
					for (CellRangeAddress merged : sheet.getMergedRegions()) {
						if (merged.isInRange(r, c)) {
							if (merged.getFirstRow() == r && merged.getFirstColumn() == c) {
								rowspan = merged.getLastRow() - merged.getFirstRow() + 1;
								colspan = merged.getLastColumn() - merged.getFirstColumn() + 1;
							}
							else {
								skip = true;
							}
						}
					}
					cells.add(new PreviewCell(text, rowspan, colspan, skip));
				}
				rows.add(cells);
			}
			return rows;
		}
	}

}
