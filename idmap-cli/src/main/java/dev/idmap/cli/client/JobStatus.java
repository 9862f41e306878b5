package dev.idmap.cli.client;

import tools.jackson.databind.JsonNode;

/**
 * A job as the status endpoint reports it. {@code jobId} and {@code status} are Atlassian's fields; the rest are
 * idmap's additive fields and stay as JSON so that a newer server's additions pass through.
 */
public record JobStatus(String jobId, String status, JsonNode body) {

    static JobStatus from(JsonNode node) {
        return new JobStatus(node.path("jobId").asString(), node.path("status").asString(), node);
    }

    public boolean finished() {
        return "SUCCESS".equals(status) || "ERROR".equals(status);
    }

    /** The progress percentage, or -1 when the server does not report it. */
    public int percent() {
        var percent = body.path("progress").path("percent");
        return percent.isNumber() ? percent.asInt() : -1;
    }

    public String phase() {
        return body.path("progress").path("phase").asString("");
    }

    public long entitiesProcessed() {
        return body.path("progress").path("entitiesProcessed").asLong(0);
    }

    /** The SHA-256 the status gives for the compatible or the detailed report, or empty. */
    public String sha256(boolean detailed) {
        var result = body.path("result");
        return (detailed ? result.path("detailedReport").path("sha256") : result.path("sha256")).asString("");
    }

    public String errorMessage() {
        return body.path("errorMessage").asString("");
    }
}
