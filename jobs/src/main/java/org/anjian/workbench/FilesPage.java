package org.anjian.workbench;

import java.io.IOException;
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

	FilesPage(Snapshot snapshot, Accounts accounts, ReferenceData reference, WorkbenchSettings settings,
			ActionLog actions) {
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
		model.addAttribute("issues", snapshot.query("file_issues", sha256));
		model.addAttribute("earlier",
				snapshot.query("files")
					.stream()
					.filter(r -> sha256.equals(r.get("superseded_by")))
					.map(this::describe)
					.toList());
		return "workbench/file";
	}

	@GetMapping("/files/{sha256}/original")
	ResponseEntity<Resource> original(@PathVariable String sha256, Authentication authentication) throws IOException {
		Viewer viewer = Viewer.of(authentication, accounts);
		Map<String, Object> file = versions(sha256).get(0);
		String path = (String) file.get("path");
		viewer.require((String) file.get("submitter_code"), actions, "下载原件 " + path);
		Path inbox = settings.inbox().toAbsolutePath().normalize();
		Path original = inbox.resolve(path).normalize();
		if (!original.startsWith(inbox) || !Files.isRegularFile(original)) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "收件箱中已没有这个文件：" + path);
		}
		actions.record(viewer.user(), "下载原件", path);
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
