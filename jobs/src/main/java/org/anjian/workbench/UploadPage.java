package org.anjian.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anjian.jobs.submissions.UploadSender;
import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.warehouse.reference.ReferenceData;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 上传: a clerk or the office drops a file; it is written into the inbox (under
 * {@code 工作台上传/<填报单位>/}, so the folder names the sender as a mailed file's folder would)
 * and goes through the same intake as every other file; the page shows its outcome
 * (status, findings) once the run has exported.
 */
@Controller
class UploadPage {

	static final String FOLDER = "工作台上传";

	/** Where an upload waits in the home while it is checked. */
	static final String STAGING = "workbench-uploads";

	/** Where a clerk's upload naming another submitter is kept, not loaded. */
	static final String REFUSED = "workbench-refused";

	private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
		.ofPattern("yyyyMMdd-HHmmss");

	private final WorkbenchSettings settings;

	private final WorkbenchActions runs;

	private final Snapshot snapshot;

	private final Accounts accounts;

	private final ReferenceData reference;

	private final ActionLog actions;

	private final UploadSender senders;

	UploadPage(WorkbenchSettings settings, WorkbenchActions runs, Snapshot snapshot, Accounts accounts,
			ReferenceData reference, ActionLog actions) {
		this.settings = settings;
		this.runs = runs;
		this.snapshot = snapshot;
		this.accounts = accounts;
		this.reference = reference;
		this.actions = actions;
		this.senders = new UploadSender(reference);
	}

	@GetMapping("/upload")
	String form() {
		return "workbench/upload";
	}

	@PostMapping("/upload")
	String upload(@RequestParam("file") MultipartFile file, Authentication authentication, Model model)
			throws IOException {
		Viewer viewer = Viewer.of(authentication, accounts);
		String name = Path.of(file.getOriginalFilename() == null ? "上传文件" : file.getOriginalFilename())
			.getFileName()
			.toString();
		if (file.isEmpty()) {
			model.addAttribute("problem", "没有选择文件，或文件是空的：" + name);
			return "workbench/upload";
		}
		String folder = viewer.office() ? "县安委办"
				: reference.submitter(viewer.submitterCode())
					.map(ReferenceData.Submitter::name)
					.orElse(viewer.submitterCode());
		Path dir = settings.inbox().resolve(FOLDER).resolve(folder);
		// staged in the home first: a clerk's file naming another submitter never reaches
		// the inbox
		Path staged = settings.home().resolve(STAGING).resolve(UUID.randomUUID().toString()).resolve(name);
		Files.createDirectories(staged.getParent());
		try (InputStream in = file.getInputStream()) {
			Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
		}
		String wouldBe = settings.inbox().relativize(dir.resolve(name)).toString();
		if (!viewer.office()) {
			ReferenceData.Submitter sender = senders.of(staged, wouldBe).orElse(null);
			if (sender != null && !sender.code().equals(viewer.submitterCode())) {
				Path kept = settings.home()
					.resolve(REFUSED)
					.resolve(OfficeTime.now().format(STAMP) + "-" + viewer.user())
					.resolve(name);
				Files.createDirectories(kept.getParent());
				Files.move(staged, kept);
				Files.deleteIfExists(staged.getParent());
				String keptAt = settings.home().relativize(kept).toString();
				actions.record(viewer.user(), "拒收他单位报表",
						name + "（填报单位 " + sender.code() + " " + sender.name() + "；留存于 " + keptAt + "）");
				model.addAttribute("refused", keptAt);
				model.addAttribute("problem", "没有入库：这份文件的填报单位是“" + sender.name() + "”，不是本单位（" + folder
						+ "）。只能上传本单位的报表；请核对“填报单位”后重新上传。文件已留存备查（" + keptAt + "），如确需代报请联系县安委办。");
				return "workbench/upload";
			}
		}
		Files.createDirectories(dir);
		Path target = free(dir, name);
		Path aside = dir.resolve("." + target.getFileName() + ".part");
		Files.copy(staged, aside, StandardCopyOption.REPLACE_EXISTING);
		// whole or not at all: the nightly may walk the inbox at any moment
		Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
		Files.delete(staged);
		Files.deleteIfExists(staged.getParent());
		String relative = settings.inbox().relativize(target).toString();
		actions.record(viewer.user(), "上传", relative + "（" + file.getSize() + " 字节）");
		WorkbenchActions.Outcome outcome = runs.run(WorkbenchActions.ingest(settings.inbox()));
		actions.record(viewer.user(), "入库", relative + (outcome.ok() ? "：完成" : "：" + outcome.problems()));
		// the run exported a new snapshot since the page model was made
		model.addAttribute("snapshotAt", Format.dateTime(snapshot.publishedAt()));
		model.addAttribute("uploaded", relative);
		model.addAttribute("outcome", outcome);
		List<Map<String, Object>> rows = snapshot.query("files")
			.stream()
			.filter(r -> relative.equals(r.get("path")))
			.toList();
		if (!rows.isEmpty()) {
			Map<String, Object> row = rows.get(0);
			String code = (String) row.get("submitter_code");
			model.addAttribute("result", row);
			model.addAttribute("statusLabel", Format.status((String) row.get("status")));
			model.addAttribute("submitter",
					code == null ? "（未识别）" : reference.submitter(code).map(ReferenceData.Submitter::name).orElse(code));
			model.addAttribute("month", Format.month(row.get("period")));
			model.addAttribute("issues", snapshot.query("file_issues", row.get("sha256")));
		}
		return "workbench/upload";
	}

	/** {@code name}, or {@code name (2)} … when a file of that name is already there. */
	private static Path free(Path dir, String name) {
		Path target = dir.resolve(name);
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String ext = dot > 0 ? name.substring(dot) : "";
		for (int i = 2; Files.exists(target); i++) {
			target = dir.resolve(stem + "（" + i + "）" + ext);
		}
		return target;
	}

}
