package dev.idmap.core.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads a detailed report back, e.g. to compare a run with a ground truth or to browse its rows page by page. */
public final class DetailedReport {

    private DetailedReport() {}

    /** Streams the rows of a detailed report file. */
    public static void forEach(Path file, Consumer<DetailedRow> consumer) {
        try (var reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                var rows = rows(reader, file.toString())) {
            rows.forEach(consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of a detailed report, read lazily from {@code reader} as the stream is consumed, so that a caller can
     * stop early (a page of rows) without reading, or holding, the rest. Closing the stream does not close the reader.
     *
     * @param source names the report in error messages
     */
    public static Stream<DetailedRow> rows(BufferedReader reader, String source) {
        List<String> header;
        try {
            header = Csv.readRecord(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null || !String.join(",", header).equals(DetailedRow.HEADER)) {
            throw new IllegalArgumentException(source + " is not a detailed report: header " + header);
        }
        var iterator = new Iterator<DetailedRow>() {
            private List<String> next = read();

            private List<String> read() {
                try {
                    return Csv.readRecord(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public DetailedRow next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                var record = next;
                next = read();
                return row(record, source);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    private static DetailedRow row(List<String> record, String source) {
        if (record.size() != 10) {
            throw new IllegalArgumentException(source + ": a row has " + record.size() + " fields: " + record);
        }
        return new DetailedRow(
                record.get(0),
                record.get(1),
                emptyToNull(record.get(2)),
                record.get(3),
                emptyToNull(record.get(4)),
                emptyToNull(record.get(5)),
                emptyToNull(record.get(6)),
                emptyToNull(record.get(7)),
                emptyToNull(record.get(8)),
                emptyToNull(record.get(9)));
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
