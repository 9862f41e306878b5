package dev.idmap.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The true mapping of a generated migration, produced row by row from the generator (never from a matcher), so that
 * a million-issue scenario can be written without holding it in memory.
 */
@FunctionalInterface
public interface GroundTruth {

    /** Hands every row, in a stable order, to {@code sink}. */
    void forEachRow(Consumer<GroundTruthRow> sink);

    default void writeCsv(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(GroundTruthRow.CSV_HEADER);
            out.write('\n');
            forEachRow(row -> {
                try {
                    out.write(row.toCsvLine());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, e);
        }
    }
}
