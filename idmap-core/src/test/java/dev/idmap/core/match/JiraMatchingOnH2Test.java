package dev.idmap.core.match;

import dev.idmap.core.testing.TestDatabases;
import javax.sql.DataSource;

class JiraMatchingOnH2Test extends JiraMatchingSpecification {

    private static final DataSource DATABASE = TestDatabases.h2("jira-matching");

    @Override
    DataSource database() {
        return DATABASE;
    }
}
