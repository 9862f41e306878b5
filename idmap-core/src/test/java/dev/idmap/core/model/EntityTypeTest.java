package dev.idmap.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTypeTest {

    @Test
    void every_parent_belongs_to_the_same_product() {
        for (var type : EntityType.values()) {
            type.parent().ifPresent(parent -> assertThat(parent.product()).isEqualTo(type.product()));
        }
    }

    @Test
    void namespaces_are_unique_within_a_product() {
        for (var product : Product.values()) {
            var namespaces =
                    EntityType.of(product).stream().map(EntityType::namespace).toList();
            assertThat(namespaces).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_namespace_resolves_to_its_type() {
        assertThat(EntityType.byNamespace(Product.JIRA, "jira:issue")).contains(EntityType.ISSUE);
        assertThat(EntityType.byNamespace(Product.CONFLUENCE, "identity:user")).contains(EntityType.CONFLUENCE_USER);
    }
}
