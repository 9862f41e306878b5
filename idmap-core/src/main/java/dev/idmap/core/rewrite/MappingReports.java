package dev.idmap.core.rewrite;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.CompatibleReport;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.core.report.ReportWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Loads idmap's reports into an {@link IdMapping}: the compatible report ({@code entityType,serverId,cloudId}, also
 * what JCMA's own export looks like) and the detailed one, of Jira and Confluence alike. The product of a file is
 * told by its namespaces ({@code jira…} or {@code confluence:…}); rows of entity types idmap does not know are
 * ignored.
 */
public final class MappingReports {

    private MappingReports() {}

    /** A report that cannot be used; the message names the file and what is wrong. */
    public static final class BadReport extends RuntimeException {
        BadReport(String message) {
            super(message);
        }
    }

    public static IdMapping load(List<Path> files) {
        var mapping = new IdMapping();
        for (var file : files) {
            load(file, mapping);
        }
        return mapping;
    }

    /** One report read from a stream (e.g. the service's report store); {@code file} names it in messages. */
    public static IdMapping load(String file, Reader in) {
        var mapping = new IdMapping();
        try (var reader = new BufferedReader(in)) {
            load(file, reader, mapping);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mapping " + file, e);
        }
        return mapping;
    }

    private static void load(Path file, IdMapping mapping) {
        try (var reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            load(file.toString(), reader, mapping);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mapping " + file, e);
        }
    }

    private static void load(String file, BufferedReader reader, IdMapping mapping) throws IOException {
        reader.mark(64 * 1024);
        var firstLine = reader.readLine();
        reader.reset();
        var header = firstLine == null ? "" : firstLine.replace("\uFEFF", "").strip();
        boolean detailed = header.equals(DetailedRow.HEADER);
        if (!detailed && !header.equals(ReportWriter.COMPATIBLE_HEADER)) {
            throw new BadReport(file + " is not an idmap report: its header is '" + header + "', expected '"
                    + ReportWriter.COMPATIBLE_HEADER + "' (compatible) or '" + DetailedRow.HEADER + "' (detailed)");
        }
        var rows = new ArrayList<Raw>();
        try {
            if (detailed) {
                try (var detailedRows = DetailedReport.rows(reader, file)) {
                    detailedRows.forEach(row -> rows.add(new Raw(
                            row.entityType(),
                            row.serverId(),
                            row.cloudId(),
                            row.status(),
                            row.serverKey(),
                            row.cloudKey(),
                            row.container(),
                            row.reason())));
                }
            } else {
                CompatibleReport.forEach(
                        file,
                        reader,
                        row -> rows.add(new Raw(
                                row.entityType(),
                                row.serverId(),
                                row.cloudId().strip(),
                                MatchStatus.MATCHED,
                                null,
                                null,
                                null,
                                null)));
            }
        } catch (IllegalArgumentException e) {
            throw new BadReport(e.getMessage());
        }
        var product = productOf(file, rows);
        for (var row : rows) {
            EntityType.byNamespace(product, row.namespace())
                    .ifPresent(type -> mapping.add(
                            new IdMapping.Row(
                                    type,
                                    row.serverId(),
                                    row.cloudId(),
                                    row.status(),
                                    row.serverKey(),
                                    row.cloudKey(),
                                    row.container(),
                                    row.reason()),
                            detailed));
        }
    }

    /** A row before its product is known. */
    private record Raw(
            String namespace,
            String serverId,
            String cloudId,
            MatchStatus status,
            String serverKey,
            String cloudKey,
            String container,
            String reason) {}

    private static Product productOf(String file, List<Raw> rows) {
        Set<Product> seen = EnumSet.noneOf(Product.class);
        for (var row : rows) {
            var namespace = row.namespace();
            if (namespace.startsWith("jira")) {
                seen.add(Product.JIRA);
            } else if (namespace.startsWith("confluence")) {
                seen.add(Product.CONFLUENCE);
            }
        }
        if (seen.size() != 1) {
            throw new BadReport(file
                    + (seen.isEmpty()
                            ? " has no Jira or Confluence rows, so idmap cannot tell which product it maps"
                            : " mixes Jira and Confluence rows; give one report per product"));
        }
        return seen.iterator().next();
    }
}
