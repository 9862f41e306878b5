package dev.idmap.sim.jira;

import dev.idmap.sim.jira.Records.Board;
import dev.idmap.sim.jira.Records.Category;
import dev.idmap.sim.jira.Records.Component;
import dev.idmap.sim.jira.Records.CustomField;
import dev.idmap.sim.jira.Records.Dashboard;
import dev.idmap.sim.jira.Records.FieldOption;
import dev.idmap.sim.jira.Records.Filter;
import dev.idmap.sim.jira.Records.Group;
import dev.idmap.sim.jira.Records.IssueType;
import dev.idmap.sim.jira.Records.LinkType;
import dev.idmap.sim.jira.Records.Priority;
import dev.idmap.sim.jira.Records.Project;
import dev.idmap.sim.jira.Records.Resolution;
import dev.idmap.sim.jira.Records.Role;
import dev.idmap.sim.jira.Records.Sprint;
import dev.idmap.sim.jira.Records.Status;
import dev.idmap.sim.jira.Records.User;
import dev.idmap.sim.jira.Records.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The materialised configuration of one Jira site (users, schemes, projects, boards...). Issues and what hangs off
 * them are not stored: {@link IssueSpace} derives them on demand.
 */
final class JiraSite {

    final boolean cloud;
    final List<User> users = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    final List<Category> categories = new ArrayList<>();
    final List<Priority> priorities = new ArrayList<>();
    final List<Resolution> resolutions = new ArrayList<>();
    final List<IssueType> issueTypes = new ArrayList<>();
    final List<Status> statuses = new ArrayList<>();
    final List<LinkType> linkTypes = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();
    /** Project id → role id → actors; roles without actors in a project are absent. */
    final Map<Long, Map<Long, List<Records.RoleActor>>> roleActors = new HashMap<>();

    final List<CustomField> customFields = new ArrayList<>();
    final List<FieldOption> options = new ArrayList<>();
    final List<Project> projects = new ArrayList<>();
    final List<Component> components = new ArrayList<>();
    final List<Version> versions = new ArrayList<>();
    final List<Filter> filters = new ArrayList<>();
    final List<Dashboard> dashboards = new ArrayList<>();
    final List<Board> boards = new ArrayList<>();
    final List<Sprint> sprints = new ArrayList<>();

    private final Map<String, Project> projectsByKeyOrId = new HashMap<>();

    List<Records.RoleActor> roleActors(long projectId, long roleId) {
        return roleActors.getOrDefault(projectId, Map.of()).getOrDefault(roleId, List.of());
    }

    void addRoleActor(long projectId, long roleId, Records.RoleActor actor) {
        roleActors
                .computeIfAbsent(projectId, p -> new HashMap<>())
                .computeIfAbsent(roleId, r -> new ArrayList<>())
                .add(actor);
    }

    private final Map<String, User> usersByRef = new HashMap<>();
    private final Map<String, User> usersByName = new HashMap<>();

    JiraSite(boolean cloud) {
        this.cloud = cloud;
    }

    /** Sorts what the APIs list in order and builds the lookups; call once generation is done. */
    void freeze() {
        projects.sort(Comparator.comparing(Project::key));
        for (Project project : projects) {
            projectsByKeyOrId.put(project.key().toUpperCase(Locale.ROOT), project);
            projectsByKeyOrId.put(Long.toString(project.id()), project);
        }
        for (User user : users) {
            usersByRef.put(user.ref(), user);
            if (user.username() != null) {
                usersByName.put(user.username().toLowerCase(Locale.ROOT), user);
            }
        }
    }

    Optional<Project> project(String keyOrId) {
        return Optional.ofNullable(projectsByKeyOrId.get(keyOrId.toUpperCase(Locale.ROOT)));
    }

    Optional<Project> projectById(long id) {
        return Optional.ofNullable(projectsByKeyOrId.get(Long.toString(id)));
    }

    Optional<User> user(String ref) {
        return Optional.ofNullable(usersByRef.get(ref));
    }

    Optional<User> userByName(String username) {
        return Optional.ofNullable(usersByName.get(username.toLowerCase(Locale.ROOT)));
    }

    Optional<Status> status(long id) {
        return statuses.stream().filter(s -> s.id() == id).findFirst();
    }

    Optional<IssueType> issueType(long id) {
        return issueTypes.stream().filter(t -> t.id() == id).findFirst();
    }

    Optional<Priority> priority(long id) {
        return priorities.stream().filter(p -> p.id() == id).findFirst();
    }

    Optional<Resolution> resolution(long id) {
        return resolutions.stream().filter(r -> r.id() == id).findFirst();
    }

    Optional<LinkType> linkType(long id) {
        return linkTypes.stream().filter(l -> l.id() == id).findFirst();
    }

    Optional<CustomField> customField(String idOrKey) {
        String number = idOrKey.startsWith("customfield_") ? idOrKey.substring("customfield_".length()) : idOrKey;
        return customFields.stream()
                .filter(f -> Long.toString(f.id()).equals(number))
                .findFirst();
    }
}
