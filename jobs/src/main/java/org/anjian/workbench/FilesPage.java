package org.anjian.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.reference.ReferenceData;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 文件: every recorded file with its status and findings, the original to download. A clerk
 * sees only its own submitter's files; asking for another's is refused (403) and logged.
 */
@Controller
class FilesPage {

	private final Snapshot snapshot;

	private final Accounts accounts;

	private final ReferenceData reference;

	private final WorkbenchSettings settings;

	private final ActionLog actions;

	private final WorkbenchActions runs;

	FilesPage(Snapshot snapshot, Accounts accounts, ReferenceData reference, WorkbenchSettings settings,
			ActionLog actions, WorkbenchActions runs) {
		this.runs = runs;
		this.snapshot = snapshot;
		this.accounts = accounts;
		this.reference = reference;
		this.settings = settings;
		this.actions = actions;
	}

	@GetMapping("/files")
	String files(@RequestParam(required = false) String campaign, @RequestParam(required = false) String period,
			@RequestParam(required = false) String status, Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication, accounts);
		List<Map<String, Object>> rows = snapshot.query("files")
			.stream()
			.filter(r -> viewer.sees((String) r.get("submitter_code")))
			.filter(r -> campaign == null || campaign.isBlank() || campaign.equals(r.get("campaign")))
			.filter(r -> period == null || period.isBlank() || period.equals(Format.month(r.get("period"))))
			.filter(r -> status == null || status.isBlank() || status.equals(r.get("status")))
			.map(this::describe)
			.toList();
		model.addAttribute("files", rows);
		model.addAttribute("campaign", campaign);
		model.addAttribute("period", period);
		model.addAttribute("status", status);
		return "workbench/files";
	}

	@GetMapping("/files/{sha256}")
	String file(@PathVariable String sha256, Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication, accounts);
		List<Map<String, Object>> versions = versions(sha256);
		Map<String, Object> file = versions.get(0);
		viewer.require((String) file.get("submitter_code"), actions, "文件 " + file.get("path"));
		model.addAttribute("file", describe(file));
		model.addAttribute("paths", versions.stream().map(v -> (String) v.get("path")).toList());
		List<Map<String, Object>> issues = snapshot.query("file_issues", sha256);
		model.addAttribute("issues", issues);
		model.addAttribute("advisoryRules",
				issues.stream()
					.filter(i -> !"error".equals(i.get("severity")))
					.map(i -> (String) i.get("rule"))
					.distinct()
					.toList());
		model.addAttribute("annotated", !snapshot.query("file_feedback", sha256).isEmpty());
		model.addAttribute("explanations", snapshot.query("file_explanations", sha256).stream().map(e -> {
			Map<String, Object> r = new java.util.LinkedHashMap<>(e);
			r.put("at", Format.dateTime(e.get("explained_at")));
			r.put("who", "workbook".equals(e.get("source")) ? "填报单位（表内）" : String.valueOf(e.get("explained_by")));
			return r;
		}).toList());
		model.addAttribute("earlier",
				snapshot.query("files")
					.stream()
					.filter(r -> sha256.equals(r.get("superseded_by")))
					.map(this::describe)
					.toList());
		return "workbench/file";
	}

	@GetMapping("/files/{sha256}/original")
	ResponseEntity<Resource> original(@PathVariable String sha256, Authentication authentication) {
		Viewer viewer = Viewer.of(authentication, accounts);
		Map<String, Object> file = versions(sha256).get(0);
		String path = (String) file.get("path");
		viewer.require((String) file.get("submitter_code"), actions, "下载原件 " + path);
		return download(settings.inbox(), path, "收件箱中已没有这个文件：", viewer, "下载原件");
	}

	/**
	 * 审核意见: the annotated copy the feedback step wrote for the file (a clerk only its
	 * own).
	 */
	@GetMapping("/files/{sha256}/annotated")
	ResponseEntity<Resource> annotated(@PathVariable String sha256, Authentication authentication) {
		Viewer viewer = Viewer.of(authentication, accounts);
		Map<String, Object> file = versions(sha256).get(0);
		viewer.require((String) file.get("submitter_code"), actions, "下载审核意见 " + file.get("path"));
		List<Map<String, Object>> feedback = snapshot.query("file_feedback", sha256);
		if (feedback.isEmpty()) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "这个文件没有审核意见副本");
		}
		return download(settings.home(), (String) feedback.get(0).get("workbook_path"), "审核意见副本已不在数据目录：", viewer,
				"下载审核意见");
	}

	/**
	 * 上报说明: a clerk (its own submitter's file) or the office explains an advisory
	 * finding; recorded through the run layer like an upload, so the nightly is never
	 * waited for.
	 */
	@PostMapping("/files/{sha256}/explain")
	String explain(@PathVariable String sha256, @RequestParam String rule, @RequestParam(required = false) String cell,
			@RequestParam String text, Authentication authentication, Model model) {
		Viewer viewer = Viewer.of(authentication, accounts);
		Map<String, Object> file = versions(sha256).get(0);
		String path = (String) file.get("path");
		viewer.require((String) file.get("submitter_code"), actions, "上报说明 " + path);
		WorkbenchActions.Outcome outcome = runs
			.run(WorkbenchActions.explain(sha256, path, rule, cell, text, viewer.user()));
		actions.record(viewer.user(), "上报说明", path + " " + rule + (cell == null || cell.isBlank() ? "" : " " + cell)
				+ "：" + text + (outcome.ok() ? "（已登记）" : "（未登记：" + String.join("；", outcome.problems()) + "）"));
		model.addAttribute("explainOutcome", outcome);
		return file(sha256, authentication, model);
	}

	private ResponseEntity<Resource> download(Path root, String relative, String gone, Viewer viewer, String action) {
		Path base = root.toAbsolutePath().normalize();
		Path found = base.resolve(relative).normalize();
		if (!found.startsWith(base) || !Files.isRegularFile(found)) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, gone + relative);
		}
		actions.record(viewer.user(), action, relative);
		Path original = found;
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(original.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new FileSystemResource(original));
	}

	private List<Map<String, Object>> versions(String sha256) {
		List<Map<String, Object>> rows = snapshot.query("files")
			.stream()
			.filter(r -> sha256.equals(r.get("sha256")))
			.toList();
		if (rows.isEmpty()) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "没有这个文件");
		}
		return rows;
	}

	private Map<String, Object> describe(Map<String, Object> row) {
		Map<String, Object> r = new java.util.LinkedHashMap<>(row);
		String code = (String) row.get("submitter_code");
		r.put("submitter",
				code == null ? "（未识别）" : reference.submitter(code).map(ReferenceData.Submitter::name).orElse(code));
		r.put("statusLabel", Format.status((String) row.get("status")));
		r.put("received", Format.dateTime(row.get("received_at")));
		r.put("month", Format.month(row.get("period")));
		return r;
	}

}
