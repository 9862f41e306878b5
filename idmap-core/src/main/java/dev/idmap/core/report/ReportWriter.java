package dev.idmap.core.report;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the three reports of a run straight from the decision table: one ordered query streamed row by row into
 * both CSV files, so memory does not grow with the number of entities. Files are written under temporary names
 * and moved into place, so a crash never leaves a half report under the final name.
 *
 * <p>Order: entity types in table order, then server ids numerically where numeric, then by their UTF-8 bytes;
 * the same staged data gives byte-identical files on H2 and PostgreSQL.
 */
public final class ReportWriter {

    public static final String COMPATIBLE_FILE = "id-mapping.csv";
    public static final String DETAILED_FILE = "id-mapping-detailed.csv";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String COMPATIBLE_HEADER = "entityType,serverId,cloudId";

    private final Decisions decisions;

    public ReportWriter(DataSource dataSource) {
        this.decisions = new Decisions(dataSource);
    }

    /**
     * What was written.
     *
     * @param summary the counts, taken while the rows were written
     */
    public record Written(Path compatible, Path detailed, Path summaryFile, RunSummary summary) {}

    /**
     * @param types the types to report (requested ones only, not their dependencies)
     * @param containerKeys when not empty, projects/spaces outside it are left out
     * @param requestsPerSite {@code source}/{@code destination} → endpoint → requests, for the summary
     * @param notAvailable what a site did not offer, named in the summary's {@code warnings}
     */
    public Written write(
            String runId,
            Product product,
            Set<EntityType> types,
            Set<String> containerKeys,
            Path outputDir,
            Map<String, Map<String, Long>> requestsPerSite,
            List<NotAvailable> notAvailable) {
        try {
            Files.createDirectories(outputDir);
            var compatible = outputDir.resolve(COMPATIBLE_FILE);
            var detailed = outputDir.resolve(DETAILED_FILE);
            var summaryFile = outputDir.resolve(SUMMARY_FILE);
            var compatibleTmp = outputDir.resolve(COMPATIBLE_FILE + ".part");
            var detailedTmp = outputDir.resolve(DETAILED_FILE + ".part");
            var summaryTmp = outputDir.resolve(SUMMARY_FILE + ".part");
            var counter = new RunSummary.Counter();
            EntityType.of(product).stream().filter(types::contains).forEach(type -> counter.expect(type.namespace()));
            try (var compatibleOut = Files.newBufferedWriter(compatibleTmp, StandardCharsets.UTF_8);
                    var detailedOut = Csv.printer(Files.newBufferedWriter(detailedTmp, StandardCharsets.UTF_8))) {
                compatibleOut.write(COMPATIBLE_HEADER + "\n");
                detailedOut.printRecord(DetailedRow.COLUMNS);
                decisions.forEach(runId, types, containerKeys, row -> {
                    counter.count(row.entityType(), row.status());
                    write(compatibleOut, detailedOut, row);
                });
            }
            var summary = counter.summary().withNotAvailable(notAvailable);
            Files.writeString(
                    summaryTmp, summaryJson(runId, product, summary, requestsPerSite), StandardCharsets.UTF_8);
            move(compatibleTmp, compatible);
            move(detailedTmp, detailed);
            move(summaryTmp, summaryFile);
            return new Written(compatible, detailed, summaryFile, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + outputDir, e);
        }
    }

    /**
     * A matched row goes into the compatible report when both ids are plain numbers; otherwise the detailed row
     * says why it was left out.
     */
    private static void write(BufferedWriter compatibleOut, CSVPrinter detailedOut, DetailedRow row) {
        try {
            var out = row;
            if (row.status() == MatchStatus.MATCHED) {
                var problem =
                        ReportIds.whyNotCompatible(row.serverId()).or(() -> ReportIds.whyNotCompatible(row.cloudId()));
                if (problem.isEmpty()) {
                    compatibleOut.write(row.entityType() + "," + row.serverId() + "," + row.cloudId() + "\n");
                } else {
                    out = row.withReason("left out of the compatible report: " + problem.get());
                }
            }
            detailedOut.printRecord(out.fields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String summaryJson(
            String runId, Product product, RunSummary summary, Map<String, Map<String, Long>> requestsPerSite) {
        var json = new StringBuilder("{\n");
        json.append("  \"runId\": ").append(Json.string(runId)).append(",\n");
        json.append("  \"product\": ").append(Json.string(product.name())).append(",\n");
        var totals = new LinkedHashMap<String, Long>();
        totals.put(MatchStatus.MATCHED.name(), summary.matched());
        totals.put(MatchStatus.AMBIGUOUS.name(), summary.ambiguous());
        totals.put(MatchStatus.UNMATCHED.name(), summary.unmatched());
        json.append("  \"totals\": ").append(Json.counts(totals)).append(",\n");
        json.append("  \"entityTypes\": {");
        var perType = new LinkedHashMap<String, Map<String, Long>>();
        summary.countsPerType().forEach((type, counts) -> {
            var named = new LinkedHashMap<String, Long>();
            counts.forEach((status, n) -> named.put(status.name(), n));
            perType.put(type, named);
        });
        appendNested(json, perType);
        json.append("},\n  \"requests\": {");
        var sortedRequests = new TreeMap<String, Map<String, Long>>();
        requestsPerSite.forEach((site, endpoints) -> sortedRequests.put(site, new TreeMap<>(endpoints)));
        appendNested(json, sortedRequests);
        json.append("},\n  \"warnings\": [");
        var notAvailable = summary.notAvailable();
        for (int i = 0; i < notAvailable.size(); i++) {
            var missing = notAvailable.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"side\": ")
                    .append(Json.string(missing.side().name()))
                    .append(", \"entityType\": ")
                    .append(Json.string(missing.type().namespace()))
                    .append(", \"container\": ")
                    .append(missing.container().map(Json::string).orElse("null"))
                    .append(", \"request\": ")
                    .append(Json.string(missing.request()))
                    .append(", \"answer\": ")
                    .append(Json.string(missing.answer()))
                    .append(", \"message\": ")
                    .append(Json.string(missing.message()));
            if (!missing.wholeType()) {
                json.append(", \"items\": ")
                        .append(missing.items())
                        .append(", \"examples\": ")
                        .append(missing.examples().stream()
                                .map(Json::string)
                                .collect(Collectors.joining(", ", "[", "]")));
            }
            json.append('}');
        }
        json.append(notAvailable.isEmpty() ? "" : "\n  ");
        return json.append("]\n}\n").toString();
    }

    private static void appendNested(StringBuilder json, Map<String, ? extends Map<String, Long>> map) {
        var first = true;
        for (var entry : map.entrySet()) {
            json.append(first ? "\n" : ",\n");
            first = false;
            json.append("    ").append(Json.string(entry.getKey())).append(": ").append(Json.counts(entry.getValue()));
        }
        if (!map.isEmpty()) {
            json.append("\n  ");
        }
    }

    /** The few JSON shapes the summary needs; strings escaped per RFC 8259. */
    static final class Json {
        private Json() {}

        static String counts(Map<String, Long> counts) {
            return counts.entrySet().stream()
                    .map(e -> string(e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        static String string(String value) {
            var out = new StringBuilder("\"");
            for (var c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
