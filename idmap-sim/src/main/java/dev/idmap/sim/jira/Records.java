package dev.idmap.sim.jira;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The generated Jira entities, one record per entity type; both sites use them, each with its own ids. */
final class Records {

    private Records() {}

    /** A person. On Data Center {@code ref} is the user key; on Cloud it is the accountId. */
    record User(
            String ref,
            String username,
            String displayName,
            String email,
            boolean emailVisible,
            boolean active,
            String accountType) {}

    record Group(String name, String groupId, List<String> memberRefs) {}

    /** Who acts in a project role: a user (by ref) or a group (by name). */
    record RoleActor(String userRef, String groupName) {
        static RoleActor user(String ref) {
            return new RoleActor(ref, null);
        }

        static RoleActor group(String name) {
            return new RoleActor(null, name);
        }
    }

    record Category(long id, String name, String description) {}

    record Priority(long id, String name, String color) {}

    record Resolution(long id, String name, String description) {}

    /** {@code scopeProjectId} is 0 for global items and the project id for team-managed ones. */
    record IssueType(long id, String name, boolean subtask, int hierarchyLevel, long scopeProjectId) {}

    /** {@code category} is new, indeterminate or done. */
    record Status(long id, String name, String category, long scopeProjectId) {}

    record LinkType(long id, String name, String inward, String outward) {}

    record Role(long id, String name, String description) {}

    /** {@code projectIds} empty means a global context. */
    record CustomField(long id, String name, FieldType type, List<Long> projectIds) {
        String fieldId() {
            return "customfield_" + id;
        }
    }

    /** {@code parentId} 0 for top-level options, otherwise the parent of a cascading child. */
    record FieldOption(long id, long fieldId, String value, long parentId) {}

    /**
     * {@code sourceIndex}: on Cloud, the index of the Data Center project it was migrated from, or -1 for Cloud-only
     * projects; on Data Center, its own index. Issues are numbered 1..issueCount with ids firstIssueId + number - 1.
     */
    record Project(
            long id,
            String key,
            String name,
            long categoryId,
            String leadRef,
            boolean teamManaged,
            String uuid,
            long firstIssueId,
            int issueCount,
            int sourceIndex) {
        long issueId(int number) {
            return firstIssueId + number - 1;
        }
    }

    record Component(long id, long projectId, String projectKey, String name, String leadRef) {}

    record Version(long id, long projectId, String name, boolean released, boolean archived, LocalDate releaseDate) {}

    record Filter(long id, String name, String ownerRef, String jql, boolean favourite) {}

    record Dashboard(long id, String name, String ownerRef) {}

    record Board(long id, String name, String type, long projectId, String projectKey, long filterId) {}

    record Sprint(
            long id,
            String name,
            String state,
            long boardId,
            Instant startDate,
            Instant endDate,
            Instant completeDate,
            String goal) {}
}
