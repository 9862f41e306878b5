package dev.idmap.core.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Reads a compatible report ({@code entityType,serverId,cloudId}) back, e.g. to check it against the detailed one. */
public final class CompatibleReport {

    /** One mapping of the compatible report. */
    public record Row(String entityType, String serverId, String cloudId) {}

    private CompatibleReport() {}

    public static void forEach(Path file, Consumer<Row> consumer) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            forEach(file.toString(), reader, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the rows of a compatible report read from {@code in}; {@code file} names it in messages. */
    public static void forEach(String file, Reader in, Consumer<Row> consumer) {
        try (var parser = Csv.parser(in)) {
            var records = parser.iterator();
            var header = records.hasNext() ? String.join(",", records.next().toList()) : "";
            if (!header.equals(ReportWriter.COMPATIBLE_HEADER)) {
                throw new IllegalArgumentException(file + " is not a compatible report: header " + header);
            }
            while (records.hasNext()) {
                var record = records.next();
                if (record.size() != 3) {
                    throw new IllegalArgumentException(file + ": row " + record.getRecordNumber() + " has "
                            + record.size() + " fields: " + List.copyOf(record.toList()));
                }
                consumer.accept(new Row(record.get(0), record.get(1), record.get(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
