package dev.idmap.service.api;

import dev.idmap.service.storage.LocalReportStore;
import dev.idmap.service.storage.LocalReportStore.LinkCheck;
import dev.idmap.service.storage.ReportStore;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the links of the local report store: no credentials, only a valid signature and an expiry in the future.
 * Expired or tampered links get 403; a report deleted since the link was issued gets the documented 404.
 */
@RestController
class LocalDownloads {

    private final ReportStore store;

    LocalDownloads(ReportStore store) {
        this.store = store;
    }

    @GetMapping("/files/{jobId}/{fileName}")
    ResponseEntity<Resource> file(
            @PathVariable String jobId,
            @PathVariable String fileName,
            @RequestParam(name = "expires", required = false) String expires,
            @RequestParam(name = "signature", required = false) String signature) {
        if (!(store instanceof LocalReportStore local)) {
            throw new ApiException(404, "No endpoint GET /files: reports are served by the configured object store.");
        }
        return switch (local.check(jobId, fileName, expires, signature)) {
            case LinkCheck.Valid(var file, var name) ->
                ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(name)
                                        .build()
                                        .toString())
                        .body(new FileSystemResource(file));
            case LinkCheck.Expired() ->
                throw new ApiException(
                        403,
                        "This download link has expired. Get a new one from GET"
                                + " /migrations/reports/v1/id-mappings/" + jobId + "/download.");
            case LinkCheck.Invalid() -> throw new ApiException(403, "This download link is not valid.");
            case LinkCheck.Missing() -> throw ApiException.reportNotAvailable();
        };
    }
}
