package dev.idmap.core.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads a detailed report back, e.g. to compare a run with a ground truth. */
public final class DetailedReport {

    private DetailedReport() {}

    /** Streams the rows of a detailed report file. */
    public static void forEach(Path file, Consumer<DetailedRow> consumer) {
        try (var reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            var header = Csv.readRecord(reader);
            if (header == null || !String.join(",", header).equals(DetailedRow.HEADER)) {
                throw new IllegalArgumentException(file + " is not a detailed report: header " + header);
            }
            List<String> record;
            while ((record = Csv.readRecord(reader)) != null) {
                if (record.size() != 10) {
                    throw new IllegalArgumentException(file + ": a row has " + record.size() + " fields: " + record);
                }
                consumer.accept(new DetailedRow(
                        record.get(0),
                        record.get(1),
                        emptyToNull(record.get(2)),
                        record.get(3),
                        emptyToNull(record.get(4)),
                        emptyToNull(record.get(5)),
                        emptyToNull(record.get(6)),
                        emptyToNull(record.get(7)),
                        emptyToNull(record.get(8)),
                        emptyToNull(record.get(9))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All rows; for tests and small reports. */
    public static List<DetailedRow> readAll(Path file) {
        var rows = new ArrayList<DetailedRow>();
        forEach(file, rows::add);
        return rows;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
