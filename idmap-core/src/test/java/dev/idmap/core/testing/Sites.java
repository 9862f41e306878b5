package dev.idmap.core.testing;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import java.util.LinkedHashMap;

/** Vocabulary for fixtures. */
public final class Sites {

    private Sites() {}

    /** An entity; {@code attributes} alternate names and values. */
    public static SiteEntity entity(EntityType type, String id, String parentId, String name, String... attributes) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        return new SiteEntity(type, id, parentId, name, map);
    }
}
