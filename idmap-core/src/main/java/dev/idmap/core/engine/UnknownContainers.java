package dev.idmap.core.engine;

import java.util.Collection;
import java.util.Set;

/** A run limited to projects or spaces that the source site does not have: a typo, never an empty success. */
public final class UnknownContainers extends IllegalArgumentException {

    private final Set<String> keys;

    UnknownContainers(Set<String> keys, Collection<String> known) {
        super("the source site has no project or space with key " + String.join(", ", keys) + " (it has "
                + (known.size() <= 20 ? String.join(", ", known) : known.size() + " of them") + ")");
        this.keys = Set.copyOf(keys);
    }

    public Set<String> keys() {
        return keys;
    }
}
