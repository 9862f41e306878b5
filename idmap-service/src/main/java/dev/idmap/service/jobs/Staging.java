package dev.idmap.service.jobs;

import java.util.Set;

/** The engine's staged data, as far as jobs care: which runs have some, and removing a run's. */
public interface Staging {

    Staging NONE = new Staging() {
        @Override
        public Set<String> runs() {
            return Set.of();
        }

        @Override
        public void discard(String runId) {}
    };

    Set<String> runs();

    void discard(String runId);
}
