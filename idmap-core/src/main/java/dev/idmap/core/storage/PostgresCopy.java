package dev.idmap.core.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent with PostgreSQL's {@code COPY … FROM STDIN} (text format) instead of batched inserts: one statement and
 * one round trip per batch, no per-row parse, bind and execute. Only reachable on a PostgreSQL connection, so the
 * driver class is loaded only where the driver is present ({@link #of}).
 */
public final class PostgresCopy {

    private static final String DRIVER_CONNECTION = "org.postgresql.PGConnection";

    /** Characters sent per write: well below the size at which an array is allocated apart. */
    private static final int PIECE = 32 * 1024;

    private final CopyManager copy;

    private PostgresCopy(CopyManager copy) {
        this.copy = copy;
    }

    /** COPY for this connection when it is PostgreSQL's (also behind a pool), else empty. */
    public static Optional<PostgresCopy> of(Connection connection) throws SQLException {
        try {
            Class.forName(DRIVER_CONNECTION, false, PostgresCopy.class.getClassLoader());
        } catch (ClassNotFoundException noDriver) {
            return Optional.empty();
        }
        if (!connection.isWrapperFor(PGConnection.class)) {
            return Optional.empty();
        }
        return Optional.of(
                new PostgresCopy(connection.unwrap(PGConnection.class).getCopyAPI()));
    }

    /** Whether the connection is PostgreSQL's. */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return of(connection).isPresent();
    }

    /**
     * Lets the commit of the connection's current transaction return before the write-ahead log reaches the disk
     * ({@code set local synchronous_commit to off}: this transaction only, so a pooled connection goes back as it
     * came). A crash of the database can then lose the last such commits, each whole, never a part of one: staged
     * batches and checkpoints written in one transaction with their part's last batch stay consistent, and what is
     * lost is parts that are not finished, crawled again on resume. Waiting for a disk flush per batch cost more
     * than writing the batch.
     */
    public static void commitWithoutWaiting(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit to off");
        }
    }

    /**
     * Sends the rows of {@code rows} into {@code table (columns)} in the connection's transaction; returns the rows
     * written.
     */
    public long copy(String table, String columns, Rows rows) throws SQLException {
        if (rows.count == 0) {
            return 0;
        }
        var in = copy.copyIn("copy " + table + " (" + columns + ") from stdin");
        try {
            // in pieces: a batch of decisions is a megabyte or more of text, and one array of that size is
            // allocated outside the collector's regions each time (and may start a marking of the whole heap)
            var text = rows.text;
            for (int from = 0; from < text.length(); ) {
                int to = pieceEnd(text, from, PIECE);
                var bytes = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                from = to;
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Where the piece of {@code text} that starts at {@code from} ends: after {@code size} characters at most, never inside a surrogate pair. */
    static int pieceEnd(CharSequence text, int from, int size) {
        int to = Math.min(text.length(), from + size);
        return to < text.length() && Character.isHighSurrogate(text.charAt(to - 1)) ? to - 1 : to;
    }

    /** A value in COPY's text format, escaped once. */
    public record Escaped(String text) {}

    /** {@code value} (not null) escaped for COPY's text format, for a field that many rows repeat. */
    public static Escaped escaped(String value) {
        var text = new StringBuilder(value.length());
        Rows.escape(value, text);
        return new Escaped(text.toString());
    }

    /** Rows in COPY's text format, built one field at a time. */
    public static final class Rows {

        private final StringBuilder text = new StringBuilder(64 * 1024);
        private int count;
        private boolean rowStarted;

        /** Adds a field to the current row; null is SQL NULL. */
        public Rows field(String value) {
            separate();
            if (value == null) {
                text.append("\\N");
            } else {
                escape(value, text);
            }
            return this;
        }

        /** Adds a field escaped before, the same in many rows (a run id, a part's scope). */
        public Rows field(Escaped value) {
            separate();
            text.append(value.text());
            return this;
        }

        private void separate() {
            if (rowStarted) {
                text.append('\t');
            }
            rowStarted = true;
        }

        static void escape(String value, StringBuilder text) {
            if (plain(value)) {
                text.append(value);
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }

        /**
         * Whether the value needs no escaping (the common case: ids, keys and names); {@code indexOf} scans with
         * the JVM's vectorised intrinsic, several times faster than a loop over the characters.
         */
        private static boolean plain(String value) {
            return value.indexOf('\\') < 0
                    && value.indexOf('\t') < 0
                    && value.indexOf('\n') < 0
                    && value.indexOf('\r') < 0;
        }

        public Rows field(long value) {
            return field(Long.toString(value));
        }

        /** Ends the current row. */
        public Rows end() {
            text.append('\n');
            rowStarted = false;
            count++;
            return this;
        }

        public int count() {
            return count;
        }

        public void clear() {
            text.setLength(0);
            count = 0;
            rowStarted = false;
        }
    }
}
