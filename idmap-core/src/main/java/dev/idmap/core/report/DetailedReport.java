package dev.idmap.core.report;

import dev.idmap.core.match.MatchStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/** Reads a detailed report back, e.g. to compare a run with a ground truth. */
public final class DetailedReport {

    private DetailedReport() {}

    /** Streams the rows of a detailed report file. */
    public static void forEach(Path file, Consumer<DetailedRow> consumer) {
        try (var parser = Csv.parser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            var records = parser.iterator();
            var header = records.hasNext() ? records.next().toList() : List.<String>of();
            if (!header.equals(DetailedRow.COLUMNS)) {
                throw new IllegalArgumentException(file + " is not a detailed report: header " + header);
            }
            while (records.hasNext()) {
                consumer.accept(row(file, records.next()));
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

    private static DetailedRow row(Path file, CSVRecord record) {
        if (record.size() != DetailedRow.COLUMNS.size()) {
            throw new IllegalArgumentException(
                    file + ": row " + record.getRecordNumber() + " has " + record.size() + " fields: " + record);
        }
        return new DetailedRow(
                record.get(0),
                record.get(1),
                emptyToNull(record.get(2)),
                MatchStatus.valueOf(record.get(3)),
                emptyToNull(record.get(4)),
                emptyToNull(record.get(5)),
                emptyToNull(record.get(6)),
                emptyToNull(record.get(7)),
                emptyToNull(record.get(8)),
                emptyToNull(record.get(9)));
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
