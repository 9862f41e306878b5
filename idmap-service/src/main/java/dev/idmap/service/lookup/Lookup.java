package dev.idmap.service.lookup;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.idmap.core.match.MatchStatus;
import java.util.List;

/**
 * The answer to a lookup, in the wire shape of {@code GET/POST …/{jobId}/mappings}: Atlassian-style mappings plus
 * additive fields. Every requested id is in exactly one of {@code mappings} (matched), {@code unresolved} (the job
 * decided it is ambiguous or unmatched, and says why) or {@code notFound} (the job saw no such entity).
 */
public record Lookup(
        String jobId, String entityType, List<Mapping> mappings, List<String> notFound, List<Unresolved> unresolved) {

    /**
     * A matched entity.
     *
     * @param serverKey the Data Center key that identifies it (username, group name, issue key), when there is one
     * @param cloudKey the Cloud key, when there is one
     * @param lookedUpBy {@code serverKey} or {@code cloudKey} when the requested id was that key, absent when it was
     *     the id itself
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mapping(
            String entityType, String serverId, String cloudId, String serverKey, String cloudKey, String lookedUpBy) {}

    /**
     * A source entity the job saw but did not map.
     *
     * @param id the requested id
     * @param candidates for AMBIGUOUS, the Cloud ids that fit, separated by {@code ;}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unresolved(
            String id, String serverId, String serverKey, MatchStatus status, String reason, String candidates) {}
}
