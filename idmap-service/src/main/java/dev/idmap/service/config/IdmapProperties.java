package dev.idmap.service.config;

import dev.idmap.core.model.Product;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything idmap reads from its configuration, under the prefix {@code idmap}. Every key can be set in the YAML
 * file given to {@code idmap serve --config} or overridden by an environment variable (Spring's relaxed binding:
 * {@code idmap.retention.report} is {@code IDMAP_RETENTION_REPORT}, list items {@code IDMAP_SITES_0_URL}).
 * The complete, commented example is in {@code idmap-service/README.md}.
 *
 * <p>A key under {@code idmap} that none of these records names (a typo such as {@code idmap.retenion}) fails the
 * start-up, naming the key: an ignored setting would silently keep its default. Environment variables are not
 * checked that way ({@code IDMAP_…} variables of other tools may exist).
 */
@ConfigurationProperties(prefix = "idmap", ignoreUnknownFields = false)
public record IdmapProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue List<Site> sites,
        @DefaultValue Api api,
        @DefaultValue Jobs jobs,
        @DefaultValue Retention retention,
        @DefaultValue Storage storage,
        @DefaultValue Server server,
        @DefaultValue Database database) {

    /**
     * Where the HTTP server listens (Spring's {@code server.port} and {@code server.address} follow these).
     *
     * @param port TCP port; 0 picks a free one
     * @param address the interface to bind, e.g. {@code 127.0.0.1}
     */
    public record Server(
            @DefaultValue("8080") int port,
            @DefaultValue("0.0.0.0") String address) {}

    /**
     * The database for jobs, mappings and staging (Spring's {@code spring.datasource} follows these).
     *
     * @param url JDBC URL; empty (the default): a PostgreSQL server idmap runs itself in {@code <data-dir>/postgres}
     * @param username database user
     * @param password database password
     * @param maxConnections connection pool size
     */
    public record Database(
            String url,
            String username,
            String password,
            @DefaultValue("16") int maxConnections) {}

    /**
     * One Atlassian site idmap may contact; no other site is ever contacted.
     *
     * @param name short name, used by the JCMA-compatible endpoint ({@code /jcma/{name}/...})
     * @param product JIRA or CONFLUENCE
     * @param url the base URL callers name in {@code sourceURL}/{@code destinationURL} (https, no trailing slash)
     * @param connectUrl where idmap actually reaches the site, when that differs from {@code url} (a proxy, a
     *     tunnel, a simulator); defaults to {@code url}
     * @param auth how idmap authenticates to the site; the secret comes from an environment variable or a file
     * @param redirects a source site opts in to {@code GET /redirect/{name}/<old path>}: public 301 redirects of its
     *     old links to the Cloud site, from its latest successful mapping
     */
    public record Site(
            String name,
            Product product,
            String url,
            String connectUrl,
            SiteAuth auth,
            @DefaultValue("false") boolean redirects) {}

    /**
     * @param type BASIC (username or email + password or API token) or BEARER (a Data Center personal access token)
     * @param username for BASIC
     * @param secretEnv name of the environment variable holding the password or token
     * @param secretFile path of a file holding the password or token (trailing newline ignored)
     */
    public record SiteAuth(@DefaultValue("BASIC") AuthType type, String username, String secretEnv, Path secretFile) {}

    public enum AuthType {
        BASIC,
        BEARER
    }

    /**
     * @param callers who may call the API, with hashed secrets
     * @param maxBodySize larger request bodies are refused with 413
     * @param triggerRate per-caller rate limit of the trigger endpoint
     * @param swaggerUiPublic Swagger UI ({@code /swagger-ui.html}) without credentials; by default it asks for the
     *     API's (the OpenAPI document itself is always public)
     */
    public record Api(
            @DefaultValue List<ApiCaller> callers,
            @DefaultValue("64KB") DataSize maxBodySize,
            @DefaultValue TriggerRate triggerRate,
            @DefaultValue("false") boolean swaggerUiPublic) {}

    /**
     * One API caller.
     *
     * @param name the owner recorded on the caller's jobs
     * @param admin an admin sees and manages every caller's jobs
     * @param tokenHashes hashes of the caller's Bearer tokens ({@code {sha256}<hex>}, or {@code {bcrypt}...})
     * @param username Basic user name (e.g. an email address)
     * @param passwordHash hash of the Basic password or API token
     */
    public record ApiCaller(
            String name,
            @DefaultValue("false") boolean admin,
            @DefaultValue List<String> tokenHashes,
            String username,
            String passwordHash) {}

    /** A token bucket: {@code burst} triggers at once, refilled at {@code perMinute}. */
    public record TriggerRate(
            @DefaultValue("10") int burst,
            @DefaultValue("10") int perMinute) {}

    /**
     * @param concurrency jobs running at once on this node; the others wait as PENDING
     * @param workDir where running jobs write their reports before they are stored
     * @param heartbeat how often a running job proves it is alive; a job silent for {@code heartbeat x 4} is
     *     taken over (after a crash) and continues from its checkpoint
     * @param crawlWorkers parts of a job crawled at once over both sites; each holds a database connection, so
     *     {@code concurrency x crawlWorkers} must stay well below the pool ({@code database.max-connections})
     */
    public record Jobs(
            @DefaultValue("2") int concurrency,
            Path workDir,
            @DefaultValue("30s") Duration heartbeat,
            @DefaultValue("4") int crawlWorkers,
            String nodeName,
            @DefaultValue("30s") Duration shutdownGrace) {}

    /**
     * @param report finished reports are deleted this long after the job completed
     * @param job jobs are forgotten this long after they were created
     * @param link lifetime of a download link ({@code expiresIn})
     * @param sweepInterval how often expired reports and jobs are deleted
     */
    public record Retention(
            @DefaultValue("7d") Duration report,
            @DefaultValue("30d") Duration job,
            @DefaultValue("3600s") Duration link,
            @DefaultValue("10m") Duration sweepInterval) {}

    public record Storage(
            @DefaultValue("LOCAL") StorageType type,
            @DefaultValue Local local,
            @DefaultValue S3 s3) {}

    public enum StorageType {
        LOCAL,
        S3
    }

    /**
     * @param directory where reports are kept; default {@code <data-dir>/reports}
     * @param signingKey base64 HMAC key for download links; when absent one is generated and kept in the database
     * @param publicUrl base URL put in download links (e.g. behind a reverse proxy); default: the server's own address and port (never the request's Host header)
     */
    public record Local(Path directory, String signingKey, String publicUrl) {}

    /**
     * @param endpoint e.g. {@code http://127.0.0.1:9000} for MinIO/Ceph/S3Proxy; empty for AWS
     * @param region signing region
     * @param bucket the bucket (must exist)
     * @param pathStyle path-style addressing (MinIO, Ceph, S3Proxy)
     * @param accessKeyId static credentials; when absent the AWS default credential chain is used
     * @param secretAccessKey static credentials
     * @param prefix key prefix inside the bucket
     */
    public record S3(
            String endpoint,
            @DefaultValue("us-east-1") String region,
            String bucket,
            @DefaultValue("false") boolean pathStyle,
            String accessKeyId,
            String secretAccessKey,
            @DefaultValue("reports/") String prefix) {}

    public Path workDir() {
        return jobs.workDir() != null ? jobs.workDir() : dataDir.resolve("work");
    }

    public Path localReportDir() {
        return storage.local().directory() != null ? storage.local().directory() : dataDir.resolve("reports");
    }
}
