package dev.idmap.core.match;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.List;
import java.util.Locale;

/**
 * Users: the Cloud site's own migration record ({@code /user/bulk/migration}) by server user key, then by
 * username; the e-mail address (case-insensitive) as fallback. Several server users may become one account.
 */
public record UserRule(EntityType type) implements MatchRule {

    public static final String BY_KEY = "migration-record-key";
    public static final String BY_USERNAME = "migration-record-username";
    public static final String BY_EMAIL = "email";

    @Override
    public boolean mergeAllowed() {
        return true;
    }

    @Override
    public StagedEntity stage(SiteEntity entity, Side side) {
        var email = entity.attribute("email");
        var keys = email == null || email.isBlank()
                ? List.<StagedEntity.MatchKey>of()
                : List.of(new StagedEntity.MatchKey(email.trim().toLowerCase(Locale.ROOT), 0));
        return new StagedEntity(entity.id(), null, null, entity.name(), keys, List.of(), "", null, "");
    }
}
