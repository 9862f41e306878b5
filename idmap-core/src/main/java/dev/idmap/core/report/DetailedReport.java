package dev.idmap.core.report;

import dev.idmap.core.match.MatchStatus;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;

/** Reads a detailed report back, e.g. to compare a run with a ground truth or to browse its rows page by page. */
public final class DetailedReport {

    private DetailedReport() {}

    /** Streams the rows of a detailed report file. */
    public static void forEach(Path file, Consumer<DetailedRow> consumer) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var rows = rows(reader, file.toString())) {
            rows.forEach(consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of a detailed report, read lazily from {@code reader} as the stream is consumed, so that a caller can
     * stop early (a page of rows) without reading, or holding, the rest. Closing the stream closes the reader.
     *
     * @param source names the report in error messages
     */
    public static Stream<DetailedRow> rows(Reader reader, String source) {
        try {
            var parser = Csv.parser(reader);
            var records = parser.iterator();
            var header = records.hasNext() ? records.next().toList() : List.<String>of();
            if (!header.equals(DetailedRow.COLUMNS)) {
                parser.close();
                throw new IllegalArgumentException(source + " is not a detailed report: header " + header);
            }
            return parser.stream().map(record -> row(source, record)).onClose(() -> {
                try {
                    parser.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
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

    private static DetailedRow row(String source, CSVRecord record) {
        if (record.size() != DetailedRow.COLUMNS.size()) {
            throw new IllegalArgumentException(
                    source + ": row " + record.getRecordNumber() + " has " + record.size() + " fields: " + record);
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
