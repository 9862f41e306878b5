package dev.idmap.core.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries as a fresh machine first meets them: an empty cache directory. */
class PostgresBinariesTest {

    @TempDir
    Path cache;

    @Test
    void a_fresh_cache_is_unpacked_once_and_leaves_no_half_unpacked_directory_behind() throws Exception {
        var first = PostgresBinaries.unpackedInto(cache.resolve("idmap"));

        assertThat(first.getParent()).isEqualTo(cache.resolve("idmap"));
        assertThat(Files.isExecutable(first.resolve("bin/postgres"))).isTrue();
        assertThat(Files.isExecutable(first.resolve("bin/initdb"))).isTrue();
        try (Stream<Path> entries = Files.list(cache.resolve("idmap"))) {
            assertThat(entries).containsExactly(first);
        }
        var modified = Files.getLastModifiedTime(first.resolve("bin/postgres"));

        var second = PostgresBinaries.unpackedInto(cache.resolve("idmap"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.resolve("bin/postgres")))
                .as("not unpacked again")
                .isEqualTo(modified);
    }
}
