package dev.idmap.sim;

import dev.idmap.sim.http.HttpSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running pair of simulated sites (Data Center source, Cloud destination) and the ground truth of the migration
 * between them. Close it to stop both servers.
 */
public final class SimulatedMigration implements AutoCloseable {

    private final SimProduct product;
    private final HttpSite source;
    private final HttpSite destination;
    private final SiteCredentials sourceCredentials;
    private final SiteCredentials destinationCredentials;
    private final GroundTruth groundTruth;
    private final Path groundTruthCsv;
    private final boolean deleteOnClose;
    private boolean csvWritten;

    public SimulatedMigration(
            SimProduct product,
            HttpSite source,
            HttpSite destination,
            SiteCredentials sourceCredentials,
            SiteCredentials destinationCredentials,
            GroundTruth groundTruth,
            Path groundTruthCsv) {
        this(
                product,
                source,
                destination,
                sourceCredentials,
                destinationCredentials,
                groundTruth,
                groundTruthCsv,
                false);
    }

    /**
     * {@code deleteOnClose}: the ground-truth CSV lives in a temporary directory the simulator created; closing deletes
     * the file and that directory, so test runs leave nothing behind.
     */
    public SimulatedMigration(
            SimProduct product,
            HttpSite source,
            HttpSite destination,
            SiteCredentials sourceCredentials,
            SiteCredentials destinationCredentials,
            GroundTruth groundTruth,
            Path groundTruthCsv,
            boolean deleteOnClose) {
        this.deleteOnClose = deleteOnClose;
        this.product = product;
        this.source = source;
        this.destination = destination;
        this.sourceCredentials = sourceCredentials;
        this.destinationCredentials = destinationCredentials;
        this.groundTruth = groundTruth;
        this.groundTruthCsv = groundTruthCsv;
    }

    public SimProduct product() {
        return product;
    }

    /** The Data Center site's base URL, with its context path (e.g. {@code http://127.0.0.1:41234/jira}). */
    public URI sourceBaseUrl() {
        return source.baseUrl();
    }

    /** The Cloud site's base URL (e.g. {@code http://127.0.0.1:41235}). */
    public URI destinationBaseUrl() {
        return destination.baseUrl();
    }

    public SiteCredentials sourceCredentials() {
        return sourceCredentials;
    }

    public SiteCredentials destinationCredentials() {
        return destinationCredentials;
    }

    /** The ground truth as CSV ({@value GroundTruthRow#CSV_HEADER}); written on first call. */
    public synchronized Path groundTruthCsv() {
        if (!csvWritten) {
            groundTruth.writeCsv(groundTruthCsv);
            csvWritten = true;
        }
        return groundTruthCsv;
    }

    /** Every ground-truth row in memory; meant for small and medium scales. */
    public List<GroundTruthRow> groundTruth() {
        var rows = new ArrayList<GroundTruthRow>();
        try (BufferedReader in = Files.newBufferedReader(groundTruthCsv(), StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(GroundTruthRow.parseCsvLine(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The ground truth as the generator produces it, row by row, without the CSV. */
    public GroundTruth groundTruthSource() {
        return groundTruth;
    }

    /** Requests received per endpoint ({@code "GET /rest/api/2/project"}) since start or the last reset. */
    public Map<String, Long> requestCounts(SimSite site) {
        return site(site).requestCounts();
    }

    public void resetRequestCounts() {
        source.resetRequestCounts();
        destination.resetRequestCounts();
    }

    public HttpSite site(SimSite site) {
        return switch (site) {
            case SOURCE -> source;
            case DESTINATION -> destination;
        };
    }

    @Override
    public void close() {
        try (source;
                destination) {
            // both closed, even if one fails
        } finally {
            if (deleteOnClose) {
                deleteCsvAndDirectory();
            }
        }
    }

    private void deleteCsvAndDirectory() {
        try {
            Files.deleteIfExists(groundTruthCsv);
            Path directory = groundTruthCsv.getParent();
            if (directory != null) {
                try (var rest = Files.list(directory)) {
                    if (rest.findAny().isEmpty()) {
                        Files.deleteIfExists(directory);
                    }
                }
            }
        } catch (IOException e) {
            // best effort: a temporary file left behind is not worth failing a close
        }
    }
}
