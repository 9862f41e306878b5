package dev.idmap.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** Reads idmap's reports (RFC 4180, header row) into rows keyed by column name. */
final class ReportRows {

    private static final CsvMapper CSV = CsvMapper.builder().build();

    private ReportRows() {}

    record Row(java.util.Map<String, String> columns) {
        String get(String column) {
            var value = columns.get(column);
            return value == null ? "" : value;
        }
    }

    static List<Row> read(Path file) {
        var schema = CsvSchema.emptySchema().withHeader();
        var rows = new ArrayList<Row>();
        try (var reader = Files.newBufferedReader(file);
                MappingIterator<java.util.Map<String, String>> it =
                        CSV.readerForMapOf(String.class).with(schema).readValues(reader)) {
            while (it.hasNext()) {
                rows.add(new Row(it.next()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + file, e);
        }
        return rows;
    }
}
