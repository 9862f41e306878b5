package dev.idmap.service.console;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.ReportAccess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A finished job's detailed report, read from the report store through core's reader and streamed: a page of rows is
 * read up to its last row and no further, and nothing but that page is held, whatever the size of the report.
 */
final class DetailedRows {

    private final JobQueue queue;

    DetailedRows(JobQueue queue) {
        this.queue = queue;
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

        boolean includes(MatchStatus rowStatus) {
            return switch (this) {
                case NOT_MATCHED -> rowStatus != MatchStatus.MATCHED;
                case UNMATCHED -> rowStatus == MatchStatus.UNMATCHED;
                case AMBIGUOUS -> rowStatus == MatchStatus.AMBIGUOUS;
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
    Optional<Page> page(ReportAccess.Ready report, Filter filter, int number, int size) {
        return read(report, rows -> {
            var found = rows.filter(filter.predicate())
                    .skip((long) number * size)
                    .limit(size + 1L)
                    .toList();
            return new Page(found.subList(0, Math.min(size, found.size())), number, size, found.size() > size);
        });
    }

    private <T> Optional<T> read(ReportAccess.Ready report, Function<Stream<DetailedRow>, T> query) {
        var job = report.job();
        return queue.open(report, true).map(in -> {
            try (var rows = DetailedReport.rows(
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), job.reportKey(true))) {
                return query.apply(rows);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new ReportUnreadable(job.jobId(), e);
            }
        });
    }

    /** The detailed report exists but cannot be read (damaged, or written by an incompatible version). */
    static final class ReportUnreadable extends RuntimeException {
        ReportUnreadable(String jobId, RuntimeException cause) {
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
