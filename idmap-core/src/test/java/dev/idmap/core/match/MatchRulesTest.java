package dev.idmap.core.match;

import static dev.idmap.core.model.EntityType.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchRulesTest {

    private final MatchRules rules = MatchRules.standard();

    @Test
    void every_entity_type_has_a_rule() {
        for (var type : EntityType.values()) {
            assertThat(rules.covers(type)).as(type.name()).isTrue();
        }
    }

    @Test
    void containers_are_matched_before_their_contents() {
        var order = rules.dependencyOrder(rules.withDependencies(Product.JIRA, Set.of()));
        for (var type : order) {
            for (var dependency : rules.ruleFor(type).dependencies()) {
                assertThat(order.indexOf(dependency))
                        .as(type + " after " + dependency)
                        .isLessThan(order.indexOf(type));
            }
        }
        assertThat(order.indexOf(JIRA_USER)).isLessThan(order.indexOf(COMMENT));
        assertThat(order.indexOf(BOARD)).isLessThan(order.indexOf(SPRINT));
    }

    @Test
    void a_requested_type_brings_what_it_depends_on() {
        assertThat(rules.withDependencies(Product.JIRA, Set.of(COMMENT))).contains(COMMENT, ISSUE, JIRA_USER);
        assertThat(rules.withDependencies(Product.JIRA, Set.of(ISSUE_LINK)))
                .contains(ISSUE_LINK, ISSUE, ISSUE_LINK_TYPE);
        assertThat(rules.withDependencies(Product.CONFLUENCE, Set.of(CONFLUENCE_COMMENT)))
                .contains(PAGE, BLOG_POST, CONFLUENCE_USER, SPACE);
    }

    @Test
    void spaces_are_matched_after_users_because_personal_spaces_follow_their_owner() {
        assertThat(rules.withDependencies(Product.CONFLUENCE, Set.of(SPACE))).contains(SPACE, CONFLUENCE_USER);
        var order = rules.dependencyOrder(rules.withDependencies(Product.CONFLUENCE, Set.of()));
        assertThat(order.indexOf(CONFLUENCE_USER)).isLessThan(order.indexOf(SPACE));
    }

    @Test
    void the_migrated_suffix_is_recognised_once() {
        assertThat(MigratedSuffix.strip("Team (migrated)")).contains("Team");
        assertThat(MigratedSuffix.strip("Team (migrated 12)")).contains("Team");
        assertThat(MigratedSuffix.strip("Team (migrated) (migrated)")).contains("Team (migrated)");
        assertThat(MigratedSuffix.strip("Team")).isEmpty();
        assertThat(MigratedSuffix.strip("Team (migrated x)")).isEmpty();
    }
}
