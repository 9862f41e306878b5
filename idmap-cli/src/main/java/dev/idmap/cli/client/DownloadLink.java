package dev.idmap.cli.client;

import java.net.URI;

/** A pre-signed link to a report; {@code expiresIn} is in seconds. */
public record DownloadLink(String jobId, URI downloadUrl, long expiresIn) {}
