package dev.idmap.sim.confluence;

import dev.idmap.sim.GroundTruth;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.confluence.ConfluenceContent.Content;
import dev.idmap.sim.confluence.ConfluencePeople.Account;
import dev.idmap.sim.confluence.ConfluencePeople.CloudGroup;
import dev.idmap.sim.confluence.ConfluencePeople.Group;
import dev.idmap.sim.confluence.ConfluencePeople.User;
import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A generated Confluence Data Center site, the Cloud site CCMA migrated it to, and the ground truth between them, all
 * derived from {@code seed} and {@code size}. Users, groups and spaces are held in memory (thousands at most); content
 * is derived from its position whenever it is asked for, so 200,000 pages cost no more memory than 200.
 */
public final class ConfluenceScenario {

    private final long seed;
    private final ConfluenceSize size;
    private final ConfluencePeople people;
    private final ConfluenceSpaces spaces;
    private final ConfluenceContent content;

    private ConfluenceScenario(long seed, ConfluenceSize size) {
        this.seed = seed;
        this.size = size;
        this.people = new ConfluencePeople(seed, size);
        this.spaces = new ConfluenceSpaces(seed, size, people);
        this.content = new ConfluenceContent(seed, spaces, people);
    }

    public static ConfluenceScenario generate(long seed, ConfluenceSize size) {
        return new ConfluenceScenario(seed, size);
    }

    public long seed() {
        return seed;
    }

    public ConfluenceSize size() {
        return size;
    }

    ConfluencePeople people() {
        return people;
    }

    ConfluenceSpaces spaces() {
        return spaces;
    }

    ConfluenceContent content() {
        return content;
    }

    /** The ground truth: one row per source entity, in a stable order, derived without holding the rows. */
    public GroundTruth groundTruth() {
        return this::forEachRow;
    }

    /** How many ground-truth rows each case has. */
    public Map<ConfluenceCase, Long> caseCounts() {
        var counts = new EnumMap<ConfluenceCase, Long>(ConfluenceCase.class);
        forEachCase((matchCase, row) -> counts.merge(matchCase, 1L, Long::sum), false);
        return counts;
    }

    private void forEachRow(Consumer<GroundTruthRow> sink) {
        forEachCase((matchCase, row) -> sink.accept(row), true);
    }

    private interface CaseSink {
        void accept(ConfluenceCase matchCase, GroundTruthRow row);
    }

    private void forEachCase(CaseSink sink, boolean withRows) {
        for (User user : people.users()) {
            emit(sink, withRows, user.matchCase(), user.key(), user.account().map(Account::accountId));
        }
        for (Group group : people.groups()) {
            emit(
                    sink,
                    withRows,
                    group.matchCase(),
                    group.name(),
                    group.cloudGroup().map(CloudGroup::id));
        }
        for (Space space : spaces.all()) {
            emit(
                    sink,
                    withRows,
                    space.matchCase(),
                    Long.toString(space.id()),
                    space.cloudId().map(String::valueOf));
        }
        for (long p = 0; p < content.count(); p++) {
            Content item = content.at(p);
            boolean migrated = item.migrated();
            emit(sink, withRows, item.matchCase(), Long.toString(item.dcId()), cloud(migrated, item.cloudId()));
            for (var attachment : content.attachments(item)) {
                emit(
                        sink,
                        withRows,
                        attachment.matchCase(),
                        Long.toString(attachment.dcId()),
                        cloud(migrated, attachment.cloudId()));
            }
            for (var comment : content.comments(item)) {
                emit(
                        sink,
                        withRows,
                        comment.matchCase(),
                        Long.toString(comment.dcId()),
                        cloud(migrated, comment.cloudId()));
            }
        }
    }

    private static Optional<String> cloud(boolean migrated, long cloudId) {
        return migrated ? Optional.of(Long.toString(cloudId)) : Optional.empty();
    }

    private static void emit(
            CaseSink sink, boolean withRows, ConfluenceCase matchCase, String serverId, Optional<String> cloudId) {
        GroundTruthRow row = withRows
                ? new GroundTruthRow(
                        matchCase.namespace(),
                        serverId,
                        cloudId.orElse(GroundTruthRow.NOT_MIGRATED),
                        matchCase.label(),
                        matchCase.expectation())
                : null;
        sink.accept(matchCase, row);
    }
}
