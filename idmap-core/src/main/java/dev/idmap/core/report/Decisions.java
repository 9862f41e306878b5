package dev.idmap.core.report;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.storage.PostgresCopy;
import dev.idmap.core.storage.StagedTables;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The decisions of a run, read straight from its decision table ({@link StagedTables}) in report order (entity types in table order, then
 * server ids numerically where numeric, then by their UTF-8 bytes) and handed over one row at a time: memory does
 * not grow with the number of entities. Both the report files and the service's lookup table are filled from here.
 */
public final class Decisions {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public Decisions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param types the types reported (requested ones, not their dependencies)
     * @param containerKeys when not empty, projects/spaces outside it and their contents are left out
     */
    public void forEach(String runId, Set<EntityType> types, Set<String> containerKeys, Consumer<DetailedRow> sink) {
        if (types.isEmpty()) {
            return;
        }
        // type names are enum constants, never input
        var typeList = types.stream().map(t -> "'" + t.name() + "'").sorted().collect(Collectors.joining(","));
        try (var connection = dataSource.getConnection()) {
            var table =
                    StagedTables.of(runId, PostgresCopy.isPostgres(connection)).decision();
            var sql = "select entity_type, source_id, cloud_id, status, rule, server_key, cloud_key, container,"
                    + " candidates, reason from " + table + " where run_id = ? and entity_type in (" + typeList
                    + ") order by type_rank, case when sort_num is null then 1 else 0 end, sort_num, sort_text";
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setString(1, runId);
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        var type = EntityType.valueOf(result.getString(1));
                        if (!inScope(type, result.getString(6), result.getString(8), containerKeys)) {
                            continue;
                        }
                        sink.accept(new DetailedRow(
                                type.namespace(),
                                ReportIds.reportForm(type, result.getString(2)),
                                ReportIds.reportForm(type, result.getString(3)),
                                MatchStatus.valueOf(result.getString(4)),
                                result.getString(5),
                                result.getString(6),
                                result.getString(7),
                                result.getString(8),
                                result.getString(9),
                                result.getString(10)));
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the decisions of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Containers (projects, spaces) outside the requested keys, and their project-scoped contents, are left out. */
    private static boolean inScope(EntityType type, String serverKey, String container, Set<String> containerKeys) {
        if (containerKeys.isEmpty()) {
            return true;
        }
        if (type == EntityType.PROJECT || type == EntityType.SPACE) {
            return containerKeys.contains(serverKey);
        }
        var parent = type.parent().orElse(null);
        if ((parent == EntityType.PROJECT || parent == EntityType.SPACE) && container != null) {
            return containerKeys.contains(container);
        }
        return true;
    }
}
