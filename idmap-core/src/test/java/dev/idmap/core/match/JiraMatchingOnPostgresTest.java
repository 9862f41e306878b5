package dev.idmap.core.match;

import dev.idmap.core.testing.TestDatabases;
import javax.sql.DataSource;

class JiraMatchingOnPostgresTest extends JiraMatchingSpecification {

    private static final DataSource DATABASE = TestDatabases.postgres("idmap_core_jira_matching");

    @Override
    DataSource database() {
        return DATABASE;
    }
}
