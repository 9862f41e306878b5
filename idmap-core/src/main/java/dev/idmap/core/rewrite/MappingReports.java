package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.Csv;
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
        var rows = new ArrayList<List<String>>();
        boolean detailed;
        var header = Csv.readRecord(reader);
        var headerLine = header == null ? "" : String.join(",", header).replace("\uFEFF", "");
        if (headerLine.equals(DetailedRow.HEADER)) {
            detailed = true;
        } else if (headerLine.equals(ReportWriter.COMPATIBLE_HEADER)) {
            detailed = false;
        } else {
            throw new BadReport(file + " is not an idmap report: its header is '" + headerLine + "', expected '"
                    + ReportWriter.COMPATIBLE_HEADER + "' (compatible) or '" + DetailedRow.HEADER
                    + "' (detailed)");
        }
        List<String> record;
        int line = 1;
        while ((record = Csv.readRecord(reader)) != null) {
            line++;
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != (detailed ? 10 : 3)) {
                throw new BadReport(
                        file + " row " + line + " has " + record.size() + " fields, expected " + (detailed ? 10 : 3));
            }
            rows.add(record);
        }
        var product = productOf(file, rows);
        for (var row : rows) {
            var type = EntityType.byNamespace(product, row.get(0)).orElse(null);
            if (type == null) {
                continue;
            }
            mapping.add(
                    detailed
                            ? new IdMapping.Row(
                                    type,
                                    row.get(1),
                                    blankToNull(row.get(2)),
                                    row.get(3),
                                    blankToNull(row.get(5)),
                                    blankToNull(row.get(6)),
                                    blankToNull(row.get(7)),
                                    blankToNull(row.get(9)))
                            : new IdMapping.Row(
                                    type, row.get(1), row.get(2).strip(), "MATCHED", null, null, null, null),
                    detailed);
        }
    }

    private static Product productOf(String file, List<List<String>> rows) {
        Set<Product> seen = EnumSet.noneOf(Product.class);
        for (var record : rows) {
            var namespace = record.get(0);
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

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
