package dev.idmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The check the bench makes before its first run: a PostgreSQL it cannot reach is one line naming what to set. */
class PostgresCopyTest {

    @Test
    void an_unreachable_database_fails_at_once_with_one_line_naming_what_to_set() throws Exception {
        // given a port nothing listens on
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var copy = new PostgresCopy("jdbc:postgresql://127.0.0.1:" + port + "/idmap_test", "idmap", "idmap");

        // when / then
        assertThatThrownBy(copy::checkReachable)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + port + "/idmap_test as idmap")
                .hasMessageContaining("IDMAP_BENCH_PG_URL")
                .hasMessageContaining("--no-service")
                .hasMessageNotContaining("\n");
    }
}
