package dev.idmap.core.report;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

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

    private static final List<String> STATUSES = List.of("MATCHED", "AMBIGUOUS", "UNMATCHED");

    private final DataSource dataSource;

    public ReportWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What was written.
     *
     * @param countsPerType namespace → status → rows, in table order, every status present
     */
    public record Written(
            Path compatible,
            Path detailed,
            Path summary,
            long rows,
            long matched,
            long unmatched,
            long ambiguous,
            Map<String, Map<String, Long>> countsPerType) {}

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
            var summary = outputDir.resolve(SUMMARY_FILE);
            var compatibleTmp = outputDir.resolve(COMPATIBLE_FILE + ".part");
            var detailedTmp = outputDir.resolve(DETAILED_FILE + ".part");
            var summaryTmp = outputDir.resolve(SUMMARY_FILE + ".part");
            var counts = new LinkedHashMap<String, Map<String, Long>>();
            for (var type : EntityType.of(product)) {
                if (types.contains(type)) {
                    var perStatus = new LinkedHashMap<String, Long>();
                    STATUSES.forEach(s -> perStatus.put(s, 0L));
                    counts.put(type.namespace(), perStatus);
                }
            }
            try (var compatibleOut = Files.newBufferedWriter(compatibleTmp, StandardCharsets.UTF_8);
                    var detailedOut = Files.newBufferedWriter(detailedTmp, StandardCharsets.UTF_8)) {
                compatibleOut.write(COMPATIBLE_HEADER + "\n");
                detailedOut.write(DetailedRow.HEADER + "\r\n");
                streamRows(runId, types, containerKeys, row -> {
                    counts.get(row.entityType()).merge(row.status(), 1L, Long::sum);
                    write(compatibleOut, detailedOut, row);
                });
            }
            Files.writeString(
                    summaryTmp,
                    summaryJson(runId, product, counts, requestsPerSite, notAvailable),
                    StandardCharsets.UTF_8);
            move(compatibleTmp, compatible);
            move(detailedTmp, detailed);
            move(summaryTmp, summary);
            long matched = total(counts, "MATCHED");
            long ambiguous = total(counts, "AMBIGUOUS");
            long unmatched = total(counts, "UNMATCHED");
            return new Written(
                    compatible,
                    detailed,
                    summary,
                    matched + ambiguous + unmatched,
                    matched,
                    unmatched,
                    ambiguous,
                    counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + outputDir, e);
        }
    }

    private static void write(BufferedWriter compatibleOut, BufferedWriter detailedOut, DetailedRow row) {
        try {
            var out = row;
            if ("MATCHED".equals(row.status())) {
                var problem =
                        ReportIds.whyNotCompatible(row.serverId()).or(() -> ReportIds.whyNotCompatible(row.cloudId()));
                if (problem.isEmpty()) {
                    compatibleOut.write(row.entityType() + "," + row.serverId() + "," + row.cloudId() + "\n");
                } else {
                    out = new DetailedRow(
                            row.entityType(),
                            row.serverId(),
                            row.cloudId(),
                            row.status(),
                            row.rule(),
                            row.serverKey(),
                            row.cloudKey(),
                            row.container(),
                            row.candidates(),
                            "left out of the compatible report: " + problem.get());
                }
            }
            detailedOut.write(Csv.line(out.fields()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void streamRows(
            String runId,
            Set<EntityType> types,
            Set<String> containerKeys,
            java.util.function.Consumer<DetailedRow> sink) {
        if (types.isEmpty()) {
            return;
        }
        var typeList = types.stream().map(t -> "'" + t.name() + "'").sorted().collect(Collectors.joining(","));
        var sql = "select entity_type, source_id, cloud_id, status, rule, server_key, cloud_key, container,"
                + " candidates, reason from idmap_stage_decision where run_id = ? and entity_type in (" + typeList
                + ") order by type_rank, case when sort_num is null then 1 else 0 end, sort_num, sort_text";
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(1000);
                statement.setString(1, runId);
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        var type = EntityType.valueOf(result.getString(1));
                        if (!inScope(type, result.getString(6), result.getString(8), containerKeys)) {
                            continue;
                        }
                        sink.accept(new DetailedRow(
                                type.namespace(),
                                ReportIds.reportForm(type, result.getString(2)),
                                ReportIds.reportForm(type, result.getString(3)),
                                result.getString(4),
                                result.getString(5),
                                result.getString(6),
                                result.getString(7),
                                result.getString(8),
                                result.getString(9),
                                result.getString(10)));
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the decisions of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Containers (projects, spaces) outside the requested keys, and their project-scoped contents, are left out. */
    private static boolean inScope(EntityType type, String serverKey, String container, Set<String> containerKeys) {
        if (containerKeys.isEmpty()) {
            return true;
        }
        if (type == EntityType.PROJECT || type == EntityType.SPACE) {
            return containerKeys.contains(serverKey);
        }
        var parent = type.parent().orElse(null);
        if ((parent == EntityType.PROJECT || parent == EntityType.SPACE) && container != null) {
            return containerKeys.contains(container);
        }
        return true;
    }

    private static long total(Map<String, Map<String, Long>> counts, String status) {
        return counts.values().stream().mapToLong(m -> m.get(status)).sum();
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String summaryJson(
            String runId,
            Product product,
            Map<String, Map<String, Long>> counts,
            Map<String, Map<String, Long>> requestsPerSite,
            List<NotAvailable> notAvailable) {
        var json = new StringBuilder("{\n");
        json.append("  \"runId\": ").append(Json.string(runId)).append(",\n");
        json.append("  \"product\": ").append(Json.string(product.name())).append(",\n");
        var totals = new LinkedHashMap<String, Long>();
        STATUSES.forEach(s -> totals.put(s, total(counts, s)));
        json.append("  \"totals\": ").append(Json.counts(totals)).append(",\n");
        json.append("  \"entityTypes\": {");
        appendNested(json, counts);
        json.append("},\n  \"requests\": {");
        var sortedRequests = new TreeMap<String, Map<String, Long>>();
        requestsPerSite.forEach((site, endpoints) -> sortedRequests.put(site, new TreeMap<>(endpoints)));
        appendNested(json, sortedRequests);
        json.append("},\n  \"warnings\": [");
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
                    .append(Json.string(missing.message()))
                    .append('}');
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

    static Collection<String> statuses() {
        return Arrays.asList(STATUSES.toArray(String[]::new));
    }
}
