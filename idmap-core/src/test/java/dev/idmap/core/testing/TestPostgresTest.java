package dev.idmap.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void the_test_database_is_a_real_postgresql_server() throws Exception {
        try (var connection = TestPostgres.connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("PostgreSQL");
        }
    }
}
