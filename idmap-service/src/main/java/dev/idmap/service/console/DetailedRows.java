package dev.idmap.service.console;

import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.storage.ReportStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A finished job's detailed report, read from the report store through core's reader and streamed: a page of rows is
 * read up to its last row and no further, and nothing but that page is held, whatever the size of the report.
 */
final class DetailedRows {

    private final ReportStore store;

    DetailedRows(ReportStore store) {
        this.store = store;
    }

    /** The rows the console lists: unmatched or ambiguous, maybe of one entity type, maybe containing a text. */
    record Filter(String entityType, RowStatus status, String text) {

        Predicate<DetailedRow> predicate() {
            var needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return row -> status.includes(row.status())
                    && (entityType == null || entityType.equals(row.entityType()))
                    && (needle.isEmpty() || searchable(row).contains(needle));
        }

        private static String searchable(DetailedRow row) {
            return String.join(
                            "\n",
                            row.serverId(),
                            nonNull(row.cloudId()),
                            nonNull(row.serverKey()),
                            nonNull(row.cloudKey()),
                            nonNull(row.container()),
                            nonNull(row.candidates()),
                            nonNull(row.reason()))
                    .toLowerCase(Locale.ROOT);
        }
    }

    /** Which of the rows that did not match. */
    enum RowStatus {
        NOT_MATCHED("Unmatched or ambiguous"),
        UNMATCHED("Unmatched"),
        AMBIGUOUS("Ambiguous");

        final String label;

        RowStatus(String label) {
            this.label = label;
        }

        boolean includes(String rowStatus) {
            return switch (this) {
                case NOT_MATCHED -> rowStatus.equals("UNMATCHED") || rowStatus.equals("AMBIGUOUS");
                case UNMATCHED, AMBIGUOUS -> rowStatus.equals(name());
            };
        }

        public String label() {
            return label;
        }
    }

    record Page(List<DetailedRow> rows, int number, int size, boolean hasNext) {
        public boolean hasPrevious() {
            return number > 0;
        }
    }

    /** Page {@code number} (from 0) of the rows that pass the filter; empty when the report is gone. */
    Optional<Page> page(Job job, Filter filter, int number, int size) {
        return read(job, rows -> {
            var found = rows.filter(filter.predicate())
                    .skip((long) number * size)
                    .limit(size + 1L)
                    .toList();
            return new Page(found.subList(0, Math.min(size, found.size())), number, size, found.size() > size);
        });
    }

    /** The first {@code limit} rows, of any status, that {@code matches} accepts; empty when the report is gone. */
    Optional<List<DetailedRow>> find(Job job, Predicate<DetailedRow> matches, int limit) {
        return read(job, rows -> rows.filter(matches).limit(limit).toList());
    }

    private <T> Optional<T> read(Job job, java.util.function.Function<Stream<DetailedRow>, T> query) {
        var key = job.reportKey(true);
        return store.open(key).map(in -> {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    var rows = DetailedReport.rows(reader, key)) {
                return query.apply(rows);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                throw new ReportUnreadable(job.jobId(), e);
            }
        });
    }

    /** The detailed report exists but cannot be read (damaged, or written by an incompatible version). */
    static final class ReportUnreadable extends RuntimeException {
        ReportUnreadable(String jobId, Exception cause) {
            super(
                    "The detailed report of job " + jobId + " cannot be read (" + cause.getMessage()
                            + "). Download it to inspect it, or trigger a new job.",
                    cause);
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
