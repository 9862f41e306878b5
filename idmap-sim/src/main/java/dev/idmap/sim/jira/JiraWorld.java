package dev.idmap.sim.jira;

import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generated Jira Data Center site, the Cloud site it was migrated to, and the true mapping of the configuration
 * (issue-level rows are derived by {@link IssueSpace}). Everything follows from the scenario's seed.
 *
 * <p>The migration imitates JCMA: new ids everywhere; keys kept; configuration created with the same name, linked by
 * name, or renamed {@code Name (migrated)} / {@code Name (migrated 2)} on a clash; resolutions linked; Epic and Story
 * overwritten; users matched by email; groups merged by name; part of the source left behind; Cloud-only content.
 */
final class JiraWorld {

    static final String PLAIN = "plain";
    static final String LINKED = "linked_by_name";
    static final String MIGRATED = "migrated_suffix";
    static final String MIGRATED_2 = "migrated_suffix_2";
    static final String OVERWRITTEN = "epic_story_overwritten";
    static final String TEAM_MANAGED = "team_managed";
    static final String TEAM_MANAGED_NAMESAKE = "team_managed_namesake";
    static final String NOT_MIGRATED = "not_migrated";
    static final String AMBIGUOUS = "ambiguous_duplicate_name";
    static final String AMBIGUOUS_COMMENT = "ambiguous_duplicate";
    static final String HISTORICAL_KEY = "historical_key";
    static final String MERGED_BY_NAME = "merged_by_name";
    static final String EMAIL_CASE = "email_case";
    static final String MERGED_EMAIL = "merged_email";
    static final String HIDDEN_EMAIL = "hidden_email";
    /** Owned by a hidden-email user: migrated, but its "name and owner" key cannot be checked. */
    static final String OWNER_HIDDEN_EMAIL = "owner_hidden_email";
    /** The index of the first of the two hidden-email users (see {@link #userCase}). */
    private static final int HIDDEN_EMAIL_USER = 7;

    static final String EMAIL_ONLY = "email_only";
    static final String DEACTIVATED = "deactivated";

    static final String ADMIN_USERNAME = "admin";
    static final String AUDITOR_USERNAME = "auditor";
    static final Instant EPOCH = Instant.parse("2024-01-08T09:00:00Z");

    private static final String[] WORDS = {
        "Apollo", "Borealis", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Indigo", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Orion", "Pioneer", "Quartz", "Redwood", "Summit", "Tundra",
        "Umbra", "Vertex", "Willow", "Xenon", "Yonder", "Zephyr"
    };
    private static final String[] FIRST = {
        "Mia", "Noah", "Olivia", "Liam", "Emma", "Lucas", "Ava", "Ethan", "Sofia", "Mateo", "Chloe", "Aarav", "Yuki",
        "Omar", "Ines", "Jonas", "Priya", "Tomas", "Lea", "Kofi"
    };
    private static final String[] LAST = {
        "Smith", "Garcia", "Nguyen", "Müller", "Rossi", "Kowalski", "Okafor", "Tanaka", "Silva", "Johansson",
        "Dubois", "Patel", "Cohen", "Novak", "Moreau", "Larsen", "Costa", "Ivanova", "Brown", "Haddad"
    };
    private static final String[] COMPONENTS = {"Backend", "Frontend", "API", "Database", "Docs", "Mobile", "Infra"};

    final JiraScenario scenario;
    final JiraSite dc = new JiraSite(false);
    final JiraSite cloud = new JiraSite(true);
    final List<GroundTruthRow> configRows = new ArrayList<>();

    /** Data Center user key to the Cloud account that now holds that person, for every migrated person. */
    final Map<String, String> accountOfUser = new HashMap<>();
    /** What {@code /user/bulk/migration} knows: only users the migration assistant migrated or matched. */
    final Map<String, String> migrationMappingByKey = new HashMap<>();

    final Map<Long, Long> statusMap = new HashMap<>();
    final Map<Long, Long> issueTypeMap = new HashMap<>();
    final Map<Long, Long> priorityMap = new HashMap<>();
    final Map<Long, Long> resolutionMap = new HashMap<>();
    final Map<Long, Long> linkTypeMap = new HashMap<>();

    /** Users who author issues, comments and worklogs: active Data Center users that exist in Cloud. */
    final List<User> authors = new ArrayList<>();

    private final SplittableRandom random;
    private final Map<String, Long> cloudCounters = new HashMap<>();
    private final List<Integer> leftBehind = new ArrayList<>();

    private JiraWorld(JiraScenario scenario) {
        this.scenario = scenario;
        this.random = new SplittableRandom(scenario.seed());
    }

    static JiraWorld generate(JiraScenario scenario) {
        var world = new JiraWorld(scenario);
        world.users();
        world.groups();
        world.categories();
        world.priorities();
        world.resolutions();
        world.issueTypes();
        world.statuses();
        world.linkTypes();
        world.roles();
        world.projects();
        world.roleActors();
        world.customFields();
        world.componentsAndVersions();
        world.filtersAndBoards();
        world.dashboards();
        world.dc.freeze();
        world.cloud.freeze();
        return world;
    }

    boolean isLeftBehind(int dcProjectIndex) {
        return leftBehind.contains(dcProjectIndex);
    }

    List<Project> dcProjectsByIndex() {
        return dcProjectsInOrder;
    }

    private final List<Project> dcProjectsInOrder = new ArrayList<>();

    // ---- helpers ----

    private long nextCloud(String type, long start) {
        long id = cloudCounters.getOrDefault(type, start);
        cloudCounters.put(type, id + 1);
        return id;
    }

    private void row(String entityType, Object serverId, Object cloudId, String matchCase, Expectation expectation) {
        configRows.add(new GroundTruthRow(
                entityType, String.valueOf(serverId), String.valueOf(cloudId), matchCase, expectation));
    }

    private void notMigrated(String entityType, Object serverId) {
        row(entityType, serverId, GroundTruthRow.NOT_MIGRATED, NOT_MIGRATED, Expectation.UNMATCHED);
    }

    private static String cloudName(String name, String matchCase) {
        return switch (matchCase) {
            case MIGRATED -> name + " (migrated)";
            case MIGRATED_2 -> name + " (migrated 2)";
            default -> name;
        };
    }

    private static boolean linksToExisting(String matchCase) {
        return matchCase.equals(LINKED) || matchCase.equals(OVERWRITTEN) || matchCase.equals(MERGED_BY_NAME);
    }

    // ---- users and groups ----

    /** The case of the Data Center user at {@code index}; 0 is the admin, 16 the non-admin auditor. */
    static String userCase(int index) {
        return switch (index) {
            case 1, 2 -> EMAIL_CASE;
            case 3, 4, 5, 6 -> MERGED_EMAIL;
            case 7, 8 -> HIDDEN_EMAIL;
            case 9, 10 -> EMAIL_ONLY;
            case 11, 12, 13 -> NOT_MIGRATED;
            case 14, 15 -> DEACTIVATED;
            default -> PLAIN;
        };
    }

    private void users() {
        // Cloud-only people and an app account exist before the migration.
        for (int i = 0; i < 3; i++) {
            String name = FIRST[(i + 7) % FIRST.length] + " Cloudborn" + (i + 1);
            cloud.users.add(new User(
                    Ids.accountId(random, i % 2 == 0),
                    null,
                    name,
                    "cloud.only" + (i + 1) + "@example.org",
                    true,
                    true,
                    "atlassian"));
        }
        cloud.users.add(new User(Ids.accountId(random, false), null, "Automation for Jira", null, false, true, "app"));

        String mergedAccount = null;
        for (int i = 0; i < scenario.users(); i++) {
            String key = "JIRAUSER" + (10000 + i);
            String username = switch (i) {
                case 0 -> ADMIN_USERNAME;
                case 16 -> AUDITOR_USERNAME;
                default ->
                    (FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length + i) % LAST.length])
                                    .toLowerCase(Locale.ROOT)
                                    .replace("ü", "ue")
                            + (i >= FIRST.length ? Integer.toString(i) : "");
            };
            String display = i == 0
                    ? "Site Administrator"
                    : i == 16
                            ? "Read-only Auditor"
                            : FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length + i) % LAST.length];
            String matchCase = userCase(i);
            String email = switch (matchCase) {
                case MERGED_EMAIL -> "shared" + ((i - 3) / 2 + 1) + "@example.org";
                default -> username + "@example.org";
            };
            boolean active = !matchCase.equals(DEACTIVATED);
            dc.users.add(new User(key, username, display, email, true, active, null));
            switch (matchCase) {
                case NOT_MIGRATED -> notMigrated("identity:user", key);
                case MERGED_EMAIL -> {
                    boolean first = (i - 3) % 2 == 0;
                    if (first) {
                        mergedAccount = Ids.accountId(random, i % 3 == 0);
                        cloud.users.add(new User(mergedAccount, null, display, email, true, true, "atlassian"));
                    }
                    migrated(key, mergedAccount, matchCase, true);
                }
                default -> {
                    String accountId = Ids.accountId(random, i % 3 == 0);
                    String cloudEmail = matchCase.equals(EMAIL_CASE) ? capitalise(email) : email;
                    boolean visible = !matchCase.equals(HIDDEN_EMAIL);
                    cloud.users.add(new User(accountId, null, display, cloudEmail, visible, active, "atlassian"));
                    boolean inMapping = !matchCase.equals(HIDDEN_EMAIL) && !matchCase.equals(EMAIL_ONLY);
                    migrated(key, accountId, matchCase, inMapping);
                }
            }
        }
        for (User user : dc.users) {
            if (user.active() && accountOfUser.containsKey(user.ref())) {
                authors.add(user);
            }
        }
    }

    private void migrated(String key, String accountId, String matchCase, boolean inMapping) {
        accountOfUser.put(key, accountId);
        if (inMapping) {
            migrationMappingByKey.put(key, accountId);
        }
        Expectation expectation = matchCase.equals(HIDDEN_EMAIL) ? Expectation.UNMATCHED : Expectation.MATCH;
        row("identity:user", key, accountId, matchCase, expectation);
    }

    private static String capitalise(String email) {
        return Character.toUpperCase(email.charAt(0))
                + email.substring(1, email.indexOf('@'))
                + email.substring(email.indexOf('@')).toUpperCase(Locale.ROOT);
    }

    private void groups() {
        var preexisting = new LinkedHashMap<String, String>();
        for (String name : List.of("jira-administrators", "jira-software-users", "site-admins", "confluence-users")) {
            preexisting.put(name, Ids.uuid(random));
        }
        var cloudMembers = new LinkedHashMap<String, List<String>>();
        preexisting.keySet().forEach(n -> cloudMembers.put(n, new ArrayList<>()));
        cloudMembers.get("site-admins").add(cloud.users.get(0).ref());
        for (int g = 0; g < scenario.groups(); g++) {
            String name = switch (g) {
                case 0 -> "jira-administrators";
                case 1 -> "jira-software-users";
                case 2 -> "legacy-contractors";
                default -> "team-" + WORDS[g % WORDS.length].toLowerCase(Locale.ROOT) + (g >= WORDS.length ? g : "");
            };
            var members = new ArrayList<String>();
            for (int u = 0; u < dc.users.size(); u++) {
                boolean member = g == 0 ? u == 0 : g == 1 ? true : Ids.pick(Ids.mix(scenario.seed(), g, u), 7, 4) == 0;
                if (member) {
                    members.add(dc.users.get(u).ref());
                }
            }
            dc.groups.add(new Group(name, null, members));
            if (g == 2) {
                notMigrated("identity:group", name);
                continue;
            }
            String matchCase = g < 2 ? MERGED_BY_NAME : PLAIN;
            String groupId = preexisting.containsKey(name) ? preexisting.get(name) : Ids.uuid(random);
            List<String> into = cloudMembers.computeIfAbsent(name, n -> new ArrayList<>());
            preexisting.putIfAbsent(name, groupId);
            for (String key : members) {
                String account = accountOfUser.get(key);
                if (account != null && !into.contains(account)) {
                    into.add(account);
                }
            }
            row("identity:group", name, groupId, matchCase, Expectation.MATCH);
        }
        preexisting.forEach((name, id) -> cloud.groups.add(new Group(name, id, cloudMembers.get(name))));
    }

    // ---- simple configuration ----

    private void categories() {
        cloud.categories.add(new Category(nextCloud("category", 10000), "Business", "Business projects"));
        cloud.categories.add(new Category(nextCloud("category", 10000), "Marketing", "Cloud-only category"));
        String[][] dcCategories = {{"Engineering", PLAIN}, {"Operations", PLAIN}, {"Business", MIGRATED}};
        for (int i = 0; i < dcCategories.length; i++) {
            long id = 10000 + i;
            String name = dcCategories[i][0];
            dc.categories.add(new Category(id, name, name + " projects"));
            long cloudId = nextCloud("category", 10000);
            cloud.categories.add(new Category(cloudId, cloudName(name, dcCategories[i][1]), name + " projects"));
            cloudCategoryOf.put(id, cloudId);
            row("jira:projectCategory", id, cloudId, dcCategories[i][1], Expectation.MATCH);
        }
    }

    /** The Cloud category the migration created or linked for each DC category. */
    private final Map<Long, Long> cloudCategoryOf = new HashMap<>();

    private void priorities() {
        String[] cloudDefaults = {"Highest", "High", "Medium", "Low", "Lowest"};
        String[] colors = {"#d04437", "#f15c75", "#f79232", "#707070", "#999999"};
        Map<String, Long> existing = new HashMap<>();
        for (int i = 0; i < cloudDefaults.length; i++) {
            long id = nextCloud("priority", 1);
            cloud.priorities.add(new Priority(id, cloudDefaults[i], colors[i]));
            existing.put(cloudDefaults[i], id);
        }
        cloudCounters.put("priority", 10000L);
        String[][] dcPriorities = {
            {"Blocker", PLAIN},
            {"Critical", PLAIN},
            {"Major", PLAIN},
            {"Minor", PLAIN},
            {"Trivial", PLAIN},
            {"Medium", MIGRATED}
        };
        for (int i = 0; i < dcPriorities.length; i++) {
            long id = i + 1;
            String name = dcPriorities[i][0];
            dc.priorities.add(new Priority(id, name, colors[i % colors.length]));
            long cloudId = nextCloud("priority", 10000);
            cloud.priorities.add(new Priority(cloudId, cloudName(name, dcPriorities[i][1]), colors[i % colors.length]));
            priorityMap.put(id, cloudId);
            row("jira:priority", id, cloudId, dcPriorities[i][1], Expectation.MATCH);
        }
    }

    private void resolutions() {
        Map<String, Long> existing = new HashMap<>();
        for (String name : List.of("Done", "Won't Do", "Duplicate", "Cannot Reproduce")) {
            long id = nextCloud("resolution", 10000);
            cloud.resolutions.add(new Resolution(id, name, "Cloud default resolution " + name));
            existing.put(name, id);
        }
        String[] dcResolutions = {"Fixed", "Won't Fix", "Duplicate", "Incomplete", "Cannot Reproduce", "Done"};
        for (int i = 0; i < dcResolutions.length; i++) {
            long id = i + 1;
            String name = dcResolutions[i];
            dc.resolutions.add(new Resolution(id, name, "Resolution " + name));
            long cloudId;
            String matchCase;
            if (existing.containsKey(name)) {
                cloudId = existing.get(name);
                matchCase = LINKED;
            } else {
                cloudId = nextCloud("resolution", 10000);
                cloud.resolutions.add(new Resolution(cloudId, name, "Resolution " + name));
                matchCase = PLAIN;
            }
            resolutionMap.put(id, cloudId);
            row("jira:resolution", id, cloudId, matchCase, Expectation.MATCH);
        }
    }

    private void issueTypes() {
        Map<String, Long> existing = new HashMap<>();
        for (String[] type :
                new String[][] {{"Task", "0"}, {"Sub-task", "-1"}, {"Epic", "1"}, {"Story", "0"}, {"Bug", "0"}}) {
            long id = nextCloud("issueType", 10001);
            int level = Integer.parseInt(type[1]);
            cloud.issueTypes.add(new IssueType(id, type[0], level < 0, level, 0));
            existing.put(type[0], id);
        }
        String[][] dcTypes = {
            {"Bug", MIGRATED, "0"},
            {"Task", MIGRATED, "0"},
            {"Sub-task", MIGRATED, "-1"},
            {"Epic", OVERWRITTEN, "1"},
            {"Story", OVERWRITTEN, "0"},
            {"Improvement", TEAM_MANAGED, "0"},
            {"New Feature", PLAIN, "0"}
        };
        for (int i = 0; i < dcTypes.length; i++) {
            long id = i + 1;
            int level = Integer.parseInt(dcTypes[i][2]);
            dc.issueTypes.add(new IssueType(id, dcTypes[i][0], level < 0, level, 0));
            String matchCase = dcTypes[i][1];
            long cloudId;
            if (linksToExisting(matchCase)) {
                cloudId = existing.get(dcTypes[i][0]);
            } else {
                cloudId = nextCloud("issueType", 10001);
                cloud.issueTypes.add(new IssueType(cloudId, cloudName(dcTypes[i][0], matchCase), level < 0, level, 0));
            }
            issueTypeMap.put(id, cloudId);
            row("jira/classic:issueType", id, cloudId, matchCase, Expectation.MATCH);
        }
    }

    private void statuses() {
        Map<String, Long> existing = new HashMap<>();
        for (String[] status : new String[][] {
            {"To Do", "new"},
            {"In Progress", "indeterminate"},
            {"Done", "done"},
            {"Closed", "done"},
            {"Closed (migrated)", "done"}
        }) {
            long id = nextCloud("status", 10000);
            cloud.statuses.add(new Status(id, status[0], status[1], 0));
            existing.put(status[0], id);
        }
        String[][] dcStatuses = {
            {"Open", "new", PLAIN},
            {"In Progress", "indeterminate", MIGRATED},
            {"Resolved", "done", PLAIN},
            {"Reopened", "new", PLAIN},
            {"Closed", "done", MIGRATED_2},
            {"To Do", "new", MIGRATED},
            {"Done", "done", MIGRATED},
            {"In Review", "indeterminate", TEAM_MANAGED},
            {"Backlog", "new", PLAIN},
            {"Selected for Development", "new", PLAIN}
        };
        for (int i = 0; i < dcStatuses.length; i++) {
            long id = i == 0 ? 1 : i == 1 ? 3 : i == 2 ? 5 : i == 3 ? 4 : i == 4 ? 6 : 10000 + i;
            String name = dcStatuses[i][0];
            dc.statuses.add(new Status(id, name, dcStatuses[i][1], 0));
            long cloudId = nextCloud("status", 10000);
            cloud.statuses.add(new Status(cloudId, cloudName(name, dcStatuses[i][2]), dcStatuses[i][1], 0));
            statusMap.put(id, cloudId);
            row("jira/classic:issueStatus", id, cloudId, dcStatuses[i][2], Expectation.MATCH);
        }
    }

    private void linkTypes() {
        Map<String, Long> existing = new HashMap<>();
        String[][] defaults = {
            {"Blocks", "is blocked by", "blocks"},
            {"Cloners", "is cloned by", "clones"},
            {"Duplicate", "is duplicated by", "duplicates"},
            {"Relates", "relates to", "relates to"}
        };
        for (String[] type : defaults) {
            long id = nextCloud("linkType", 10000);
            cloud.linkTypes.add(new LinkType(id, type[0], type[1], type[2]));
            existing.put(type[0], id);
        }
        String[][] dcTypes = {
            {"Blocks", "is blocked by", "blocks", LINKED},
            {"Cloners", "is cloned by", "clones", LINKED},
            {"Duplicate", "is duplicated by", "duplicates", LINKED},
            {"Relates", "relates to", "relates to", MIGRATED},
            {"Causes", "is caused by", "causes", PLAIN},
            {"Depends", "is a dependency of", "depends on", PLAIN}
        };
        for (int i = 0; i < dcTypes.length; i++) {
            long id = 10000 + i;
            dc.linkTypes.add(new LinkType(id, dcTypes[i][0], dcTypes[i][1], dcTypes[i][2]));
            String matchCase = dcTypes[i][3];
            long cloudId;
            if (linksToExisting(matchCase)) {
                cloudId = existing.get(dcTypes[i][0]);
            } else {
                cloudId = nextCloud("linkType", 10000);
                cloud.linkTypes.add(
                        new LinkType(cloudId, cloudName(dcTypes[i][0], matchCase), dcTypes[i][1], dcTypes[i][2]));
            }
            linkTypeMap.put(id, cloudId);
            row("jira:issueLinkType", id, cloudId, matchCase, Expectation.MATCH);
        }
    }

    private void roles() {
        for (String name : List.of("Administrators", "Member", "Viewer", "atlassian-addons-project-access")) {
            cloud.roles.add(new Role(nextCloud("role", 10002), name, "Cloud default role " + name));
        }
        String[][] dcRoles = {{"Administrators", MIGRATED}, {"Developers", PLAIN}, {"Users", PLAIN}, {"Testers", PLAIN}
        };
        for (int i = 0; i < dcRoles.length; i++) {
            long id = 10002 + i;
            dc.roles.add(new Role(id, dcRoles[i][0], "A project role that represents " + dcRoles[i][0]));
            long cloudId = nextCloud("role", 10002);
            cloud.roles.add(new Role(
                    cloudId,
                    cloudName(dcRoles[i][0], dcRoles[i][1]),
                    "A project role that represents " + dcRoles[i][0]));
            roleMap.put(id, cloudId);
            row("jira:projectRole", id, cloudId, dcRoles[i][1], Expectation.MATCH);
        }
    }

    /** The Cloud role the migration created or linked for each DC role. */
    private final Map<Long, Long> roleMap = new HashMap<>();

    /**
     * Who acts in which role of which project. On DC every project has its lead as Administrator and the group
     * {@code jira-software-users} as Developers; the migration carries them to the same roles' Cloud counterparts
     * (Administrators (migrated) for the renamed one), and Cloud's own roles have no actors in migrated projects.
     * Cloud-only projects have their lead in Cloud's own Administrators role.
     */
    private void roleActors() {
        long administrators = dc.roles.get(0).id();
        long developers = dc.roles.get(1).id();
        for (Project p : dc.projects) {
            dc.addRoleActor(p.id(), administrators, Records.RoleActor.user(p.leadRef()));
            dc.addRoleActor(p.id(), developers, Records.RoleActor.group("jira-software-users"));
        }
        long cloudAdministrators = cloud.roles.get(0).id();
        for (Project p : cloud.projects) {
            if (p.sourceIndex() < 0) {
                cloud.addRoleActor(p.id(), cloudAdministrators, Records.RoleActor.user(p.leadRef()));
            } else {
                cloud.addRoleActor(p.id(), roleMap.get(administrators), Records.RoleActor.user(p.leadRef()));
                cloud.addRoleActor(p.id(), roleMap.get(developers), Records.RoleActor.group("jira-software-users"));
            }
        }
    }

    // ---- projects ----

    private void projects() {
        var words = new ArrayList<>(List.of(WORDS));
        Collections.shuffle(words, new java.util.Random(scenario.seed()));
        record Naming(String key, String name) {}
        var namings = new ArrayList<Naming>();
        for (int i = 0; i < scenario.projects(); i++) {
            String word = words.get(i % words.size());
            int round = i / words.size();
            String key = word.substring(0, 3).toUpperCase(Locale.ROOT)
                    + (round == 0 ? "" : Character.toString('A' + (round - 1) % 26))
                    + (round > 26 ? Integer.toString(round) : "");
            namings.add(new Naming(key, word + (round == 0 ? "" : " " + (round + 1)) + " Project"));
        }
        namings.sort(java.util.Comparator.comparing(Naming::key));
        int perProject = scenario.issuesPerProject();
        // Cloud-only projects exist first, so their issues take the lowest Cloud ids.
        long cloudIssueId = 10000;
        String[][] cloudOnly = {
            {"CLD", "Cloud Native", "false"}, {"TMA", "Team Alpha", "true"}, {"TMB", "Team Beta", "true"}
        };
        for (String[] spec : cloudOnly) {
            boolean teamManaged = Boolean.parseBoolean(spec[2]);
            long id = nextCloud("project", 10000);
            cloud.projects.add(new Project(
                    id,
                    spec[0],
                    spec[1],
                    0,
                    cloud.users.get(0).ref(),
                    teamManaged,
                    teamManaged ? Ids.uuid(random) : null,
                    cloudIssueId,
                    CLOUD_ONLY_ISSUES,
                    -1));
            cloudIssueId += CLOUD_ONLY_ISSUES;
            if (teamManaged) {
                teamManagedConfiguration(id);
            }
        }
        int projects = scenario.projects();
        leftBehind.add(projects - 2);
        leftBehind.add(projects - 1);
        var dcProjects = new Project[projects];
        for (int i = 0; i < projects; i++) {
            String key = namings.get(i).key();
            String name = namings.get(i).name();
            long categoryId = i % 4 == 3
                    ? 0
                    : dc.categories.get(i % 4 % dc.categories.size()).id();
            String lead = dc.users.get(i % 2 == 0 ? 0 : 17 % dc.users.size()).ref();
            dcProjects[i] = new Project(
                    10000 + i, key, name, categoryId, lead, false, null, 10000 + (long) i * perProject, perProject, i);
            dc.projects.add(dcProjects[i]);
            dcProjectsInOrder.add(dcProjects[i]);
        }
        // Migrated projects are created in reverse key order, so Cloud issue ids do not follow Data Center ones.
        for (int i = projects - 1; i >= 0; i--) {
            Project source = dcProjects[i];
            if (isLeftBehind(i)) {
                notMigrated("jira/classic:project", source.id());
                continue;
            }
            long id = nextCloud("project", 10000);
            long cloudCategory = source.categoryId() == 0 ? 0 : cloudCategoryOf.get(source.categoryId());
            cloud.projects.add(new Project(
                    id,
                    source.key(),
                    source.name(),
                    cloudCategory,
                    accountOfUser.get(source.leadRef()),
                    false,
                    null,
                    cloudIssueId,
                    perProject,
                    i));
            cloudIssueId += perProject;
            row("jira/classic:project", source.id(), id, PLAIN, Expectation.MATCH);
        }
    }

    static final int CLOUD_ONLY_ISSUES = 5;

    private void teamManagedConfiguration(long projectId) {
        for (String[] status : new String[][] {
            {"To Do", "new"}, {"In Progress", "indeterminate"}, {"In Review", "indeterminate"}, {"Done", "done"}
        }) {
            cloud.statuses.add(new Status(nextCloud("status", 10000), status[0], status[1], projectId));
        }
        for (String[] type : new String[][] {{"Task", "0"}, {"Epic", "1"}, {"Improvement", "0"}, {"Subtask", "-1"}}) {
            int level = Integer.parseInt(type[1]);
            cloud.issueTypes.add(new IssueType(nextCloud("issueType", 10001), type[0], level < 0, level, projectId));
        }
    }

    Project cloudProjectOf(int dcIndex) {
        return cloud.projects.stream()
                .filter(p -> p.sourceIndex() == dcIndex)
                .findFirst()
                .orElseThrow();
    }

    // ---- custom fields ----

    private void customFields() {
        // Cloud's own fields, before the migration.
        Map<String, Long> existing = new HashMap<>();
        Object[][] cloudFields = {
            {10001L, "Team", FieldType.TEXT}, {10014L, "Epic Link", FieldType.EPIC_LINK},
            {10015L, "Start date", FieldType.DATE}, {10016L, "Story Points", FieldType.NUMBER},
            {10020L, "Sprint", FieldType.SPRINT}, {10030L, "Category", FieldType.SELECT},
            {10031L, "Category (migrated)", FieldType.SELECT}
        };
        for (Object[] f : cloudFields) {
            cloud.customFields.add(new CustomField((Long) f[0], (String) f[1], (FieldType) f[2], List.of()));
            existing.put((String) f[1], (Long) f[0]);
        }
        cloudCounters.put("field", 10100L);
        for (Project p : cloud.projects) {
            if (p.teamManaged()) {
                // team-managed fields are scoped to their project and do not clash with classic ones
                cloud.customFields.add(new CustomField(
                        nextCloud("field", 10100), "Story point estimate", FieldType.NUMBER, List.of(p.id())));
            }
        }
        long leftBehindA = dcProjectsInOrder.get(leftBehind.get(0)).id();
        long leftBehindB = dcProjectsInOrder.get(leftBehind.get(1)).id();
        record Spec(String name, FieldType type, String matchCase, List<Long> projects) {}
        var specs = new ArrayList<Spec>();
        specs.add(new Spec("Sprint", FieldType.SPRINT, LINKED, List.of()));
        specs.add(new Spec("Epic Link", FieldType.EPIC_LINK, LINKED, List.of()));
        specs.add(new Spec("Story Points", FieldType.NUMBER, LINKED, List.of()));
        specs.add(new Spec("Team", FieldType.SELECT, MIGRATED, List.of()));
        specs.add(new Spec("Environment Details", FieldType.TEXT, MIGRATED, List.of()));
        specs.add(new Spec("Category", FieldType.SELECT, MIGRATED_2, List.of()));
        specs.add(new Spec("Customer", FieldType.TEXT, AMBIGUOUS, List.of()));
        specs.add(new Spec("Customer", FieldType.TEXT, AMBIGUOUS, List.of()));
        specs.add(new Spec("Legacy Code", FieldType.SELECT, NOT_MIGRATED, List.of(leftBehindA, leftBehindB)));
        String[] plainNames = {
            "Severity",
            "Root Cause",
            "Affected Sites",
            "Region",
            "Budget",
            "Due Review",
            "Reviewer",
            "Topics",
            "Impact",
            "Channel",
            "Risk",
            "Estimate Confidence"
        };
        for (int i = 0; i < scenario.customFields(); i++) {
            FieldType type = FieldType.PLAIN_ROTATION[i % FieldType.PLAIN_ROTATION.length];
            String name = plainNames[i % plainNames.length]
                    + (i >= plainNames.length ? " " + (i / plainNames.length + 1) : "");
            specs.add(new Spec(name, type, PLAIN, List.of()));
        }
        // A global DC field named like Cloud's team-managed (project-scoped) "Story point estimate" fields: it migrates
        // as a new global field of that name; the team-managed ones are never its counterpart (DC fields are global).
        specs.add(new Spec("Story point estimate", FieldType.NUMBER, TEAM_MANAGED_NAMESAKE, List.of()));
        // Duplicate "Customer" fields: Cloud gets "Customer" and "Customer (migrated)", and nothing public tells which
        // source field became which.
        int customerSeen = 0;
        long dcOptionId = 10000;
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            long id = 10100 + i;
            var field = new CustomField(id, spec.name(), spec.type(), spec.projects());
            dc.customFields.add(field);
            List<FieldOption> dcOptions = new ArrayList<>();
            if (spec.type().hasOptions) {
                dcOptionId = options(dc.options, dcOptions, id, spec.type(), dcOptionId, spec.name());
            }
            if (spec.matchCase().equals(NOT_MIGRATED)) {
                notMigrated("jira/classic:customField", id);
                dcOptions.forEach(o -> notMigrated("jira/classic:customFieldOption", o.id()));
                continue;
            }
            long cloudId;
            Expectation expectation = Expectation.MATCH;
            if (linksToExisting(spec.matchCase())) {
                cloudId = existing.get(spec.name());
            } else {
                cloudId = nextCloud("field", 10100);
                String name = cloudName(spec.name(), spec.matchCase());
                if (spec.matchCase().equals(AMBIGUOUS)) {
                    name = customerSeen++ == 0 ? spec.name() : spec.name() + " (migrated)";
                    expectation = Expectation.AMBIGUOUS;
                }
                cloud.customFields.add(new CustomField(cloudId, name, spec.type(), List.of()));
            }
            row("jira/classic:customField", id, cloudId, spec.matchCase(), expectation);
            Map<Long, Long> optionMap = new HashMap<>();
            for (FieldOption option : dcOptions) {
                long cloudOptionId = nextCloud("option", 10200);
                long parent = option.parentId() == 0 ? 0 : optionMap.get(option.parentId());
                cloud.options.add(new FieldOption(cloudOptionId, cloudId, option.value(), parent));
                optionMap.put(option.id(), cloudOptionId);
                row("jira/classic:customFieldOption", option.id(), cloudOptionId, PLAIN, Expectation.MATCH);
            }
        }
        // Options of Cloud's pre-existing select field "Category" and "Category (migrated)".
        for (CustomField f : cloud.customFields) {
            if ((f.id() == 10030L || f.id() == 10031L)) {
                for (String value : List.of("Hardware", "Software")) {
                    cloud.options.add(new FieldOption(nextCloud("option", 10200), f.id(), value, 0));
                }
            }
        }
    }

    private long options(
            List<FieldOption> all,
            List<FieldOption> mine,
            long fieldId,
            FieldType type,
            long nextId,
            String fieldName) {
        String[] values = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett"
        };
        for (int o = 0; o < scenario.optionsPerField(); o++) {
            var option = new FieldOption(
                    nextId++, fieldId, values[o % values.length] + (o >= values.length ? " " + o : ""), 0);
            all.add(option);
            mine.add(option);
            if (type == FieldType.CASCADING_SELECT) {
                for (int c = 0; c < 2; c++) {
                    var child = new FieldOption(nextId++, fieldId, option.value() + " " + (c + 1), option.id());
                    all.add(child);
                    mine.add(child);
                }
            }
        }
        return nextId;
    }

    // ---- per project ----

    private void componentsAndVersions() {
        long componentId = 10000;
        long versionId = 10000;
        for (Project source : dcProjectsInOrder) {
            boolean migrated = !isLeftBehind(source.sourceIndex());
            Project target = migrated ? cloudProjectOf(source.sourceIndex()) : null;
            for (int c = 0; c < scenario.componentsPerProject(); c++) {
                String name = COMPONENTS[c % COMPONENTS.length] + (c >= COMPONENTS.length ? " " + c : "");
                String lead =
                        authors.get((int) ((source.id() + c) % authors.size())).ref();
                var component = new Component(componentId++, source.id(), source.key(), name, lead);
                dc.components.add(component);
                if (migrated) {
                    long cloudId = nextCloud("component", 10000);
                    cloud.components.add(
                            new Component(cloudId, target.id(), target.key(), name, accountOfUser.get(lead)));
                    row("jira:projectComponent", component.id(), cloudId, PLAIN, Expectation.MATCH);
                } else {
                    notMigrated("jira:projectComponent", component.id());
                }
            }
            for (int v = 0; v < scenario.versionsPerProject(); v++) {
                String name = (1 + v / 3) + "." + (v % 3);
                boolean released = v < scenario.versionsPerProject() - 1;
                LocalDate date = LocalDate.of(2024, 1, 15).plusWeeks(6L * v);
                var version = new Version(versionId++, source.id(), name, released, v == 0 && released, date);
                dc.versions.add(version);
                if (migrated) {
                    long cloudId = nextCloud("version", 10000);
                    cloud.versions.add(new Version(cloudId, target.id(), name, released, version.archived(), date));
                    row("jira:projectVersion", version.id(), cloudId, PLAIN, Expectation.MATCH);
                } else {
                    notMigrated("jira:projectVersion", version.id());
                }
            }
        }
    }

    private void filtersAndBoards() {
        String owner = dc.users.get(17 % dc.users.size()).ref();
        String admin = dc.users.get(0).ref();
        Project first = dcProjectsInOrder.get(0);
        Project gone = dcProjectsInOrder.get(leftBehind.get(0));
        long filterId = 10000;
        // A Cloud-only filter with a migrated filter's name but another owner: a distractor, not an ambiguity.
        cloud.filters.add(new Filter(
                nextCloud("filter", 10000),
                "Open bugs",
                cloud.users.get(0).ref(),
                "type = Bug AND resolution is EMPTY",
                false));
        for (int f = 0; f < scenario.filters(); f++) {
            String name;
            String jql;
            String filterOwner;
            String matchCase;
            switch (f) {
                case 0, 1 -> {
                    name = "Open bugs";
                    jql = "type = Bug AND resolution is EMPTY";
                    filterOwner = owner;
                    matchCase = AMBIGUOUS;
                }
                case 2 -> {
                    name = "Legacy backlog";
                    jql = "project = " + gone.key() + " ORDER BY Rank ASC";
                    filterOwner = admin;
                    matchCase = NOT_MIGRATED;
                }
                default -> {
                    Project p = dcProjectsInOrder.get(f % (dcProjectsInOrder.size() - 2));
                    name = "Work in " + p.key() + " #" + f;
                    jql = "project = " + p.key() + " AND statusCategory != Done";
                    if (f == 3) {
                        filterOwner = dc.users.get(HIDDEN_EMAIL_USER).ref();
                        matchCase = OWNER_HIDDEN_EMAIL;
                    } else {
                        var identifiable = authors.stream()
                                .filter(u -> !u.ref()
                                                .equals(dc.users
                                                        .get(HIDDEN_EMAIL_USER)
                                                        .ref())
                                        && !u.ref()
                                                .equals(dc.users
                                                        .get(HIDDEN_EMAIL_USER + 1)
                                                        .ref()))
                                .toList();
                        filterOwner = identifiable.get(f % identifiable.size()).ref();
                        matchCase = PLAIN;
                    }
                }
            }
            addFilter(filterId++, name, filterOwner, jql, f % 2 == 0 || filterOwner.equals(admin), matchCase);
        }
        // Boards: one per project (scrum for even indexes), two extra identical "Team board"s on the first project.
        long boardId = 1;
        long sprintId = 1;
        for (Project p : dcProjectsInOrder) {
            boolean scrum = p.sourceIndex() % 2 == 0;
            long boardFilter = filterId++;
            addFilter(
                    boardFilter,
                    "Filter for " + p.key() + " board",
                    admin,
                    "project = " + p.key() + " ORDER BY Rank ASC",
                    true,
                    isLeftBehind(p.sourceIndex()) ? NOT_MIGRATED : PLAIN);
            sprintId = addBoard(
                    boardId++, p.key() + " board", scrum ? "scrum" : "kanban", p, boardFilter, PLAIN, sprintId);
        }
        long teamFilter = filterId++;
        addFilter(
                teamFilter,
                "Filter for Team board",
                admin,
                "project = " + first.key() + " ORDER BY Rank ASC",
                true,
                PLAIN);
        sprintId = addBoard(boardId++, "Team board", "scrum", first, teamFilter, AMBIGUOUS, sprintId);
        addBoard(boardId, "Team board", "scrum", first, teamFilter, AMBIGUOUS, sprintId);
    }

    private final Map<Long, Long> filterMap = new HashMap<>();

    private void addFilter(long id, String name, String ownerKey, String jql, boolean favourite, String matchCase) {
        dc.filters.add(new Filter(id, name, ownerKey, jql, favourite));
        if (matchCase.equals(NOT_MIGRATED)) {
            notMigrated("jira:filter", id);
            return;
        }
        long cloudId = nextCloud("filter", 10000);
        cloud.filters.add(new Filter(cloudId, name, accountOfUser.get(ownerKey), jql, favourite));
        filterMap.put(id, cloudId);
        row(
                "jira:filter",
                id,
                cloudId,
                matchCase,
                switch (matchCase) {
                    case AMBIGUOUS -> Expectation.AMBIGUOUS;
                    case OWNER_HIDDEN_EMAIL -> Expectation.UNMATCHED;
                    default -> Expectation.MATCH;
                });
    }

    /** Adds a board and its sprints; the board of the first project also gets two identical "Hardening" sprints. */
    private long addBoard(
            long id, String name, String type, Project p, long filterId, String matchCase, long sprintId) {
        var board = new Board(id, name, type, p.id(), p.key(), filterId);
        dc.boards.add(board);
        boolean migrated = !isLeftBehind(p.sourceIndex());
        Board cloudBoard = null;
        if (migrated) {
            Project target = cloudProjectOf(p.sourceIndex());
            cloudBoard =
                    new Board(nextCloud("board", 1), name, type, target.id(), target.key(), filterMap.get(filterId));
            cloud.boards.add(cloudBoard);
            row(
                    "jira/classic/software:rapidView",
                    id,
                    cloudBoard.id(),
                    matchCase,
                    matchCase.equals(AMBIGUOUS) ? Expectation.AMBIGUOUS : Expectation.MATCH);
        } else {
            notMigrated("jira/classic/software:rapidView", id);
        }
        if (!type.equals("scrum") || matchCase.equals(AMBIGUOUS)) {
            return sprintId;
        }
        int count = scenario.sprintsPerBoard();
        Instant start = EPOCH.plus(Duration.ofDays(7L * p.sourceIndex()));
        for (int s = 0; s < count; s++) {
            String state = s < count - 2 ? "closed" : s == count - 2 ? "active" : "future";
            Instant begin = start.plus(Duration.ofDays(14L * s));
            var sprint = new Sprint(
                    sprintId++,
                    p.key() + " Sprint " + (s + 1),
                    state,
                    id,
                    state.equals("future") ? null : begin,
                    state.equals("future") ? null : begin.plus(Duration.ofDays(14)),
                    state.equals("closed") ? begin.plus(Duration.ofDays(14)) : null,
                    "Goal " + (s + 1));
            sprint(sprint, cloudBoard, PLAIN);
        }
        if (p.sourceIndex() == 0) {
            Instant begin = start.plus(Duration.ofDays(14L * count));
            for (int twin = 0; twin < 2; twin++) {
                var sprint = new Sprint(
                        sprintId++,
                        "Hardening sprint",
                        "closed",
                        id,
                        begin,
                        begin.plus(Duration.ofDays(7)),
                        begin.plus(Duration.ofDays(7)),
                        "Stabilise");
                sprint(sprint, cloudBoard, AMBIGUOUS);
            }
        }
        return sprintId;
    }

    private void sprint(Sprint sprint, Board cloudBoard, String matchCase) {
        dc.sprints.add(sprint);
        if (cloudBoard == null) {
            notMigrated("jira/classic/software:sprint", sprint.id());
            return;
        }
        long cloudId = nextCloud("sprint", 1);
        cloud.sprints.add(new Sprint(
                cloudId,
                sprint.name(),
                sprint.state(),
                cloudBoard.id(),
                sprint.startDate(),
                sprint.endDate(),
                sprint.completeDate(),
                sprint.goal()));
        row(
                "jira/classic/software:sprint",
                sprint.id(),
                cloudId,
                matchCase,
                matchCase.equals(AMBIGUOUS) ? Expectation.AMBIGUOUS : Expectation.MATCH);
    }

    private void dashboards() {
        cloud.dashboards.add(new Dashboard(
                nextCloud("dashboard", 10000),
                "Default dashboard",
                cloud.users.get(0).ref()));
        String owner = dc.users.get(17 % dc.users.size()).ref();
        for (int d = 0; d < scenario.dashboards(); d++) {
            long id = 10000 + d;
            String name;
            String dashboardOwner;
            String matchCase;
            switch (d) {
                case 0 -> {
                    name = "System Dashboard";
                    dashboardOwner = null;
                    matchCase = NOT_MIGRATED;
                }
                case 1, 2 -> {
                    name = "Team overview";
                    dashboardOwner = owner;
                    matchCase = AMBIGUOUS;
                }
                default -> {
                    name = "Dashboard " + d + " of "
                            + authors.get(d % authors.size()).displayName();
                    dashboardOwner = authors.get(d % authors.size()).ref();
                    matchCase = PLAIN;
                }
            }
            dc.dashboards.add(new Dashboard(id, name, dashboardOwner));
            if (matchCase.equals(NOT_MIGRATED)) {
                notMigrated("jira:portalPage", id);
                continue;
            }
            long cloudId = nextCloud("dashboard", 10000);
            cloud.dashboards.add(new Dashboard(cloudId, name, accountOfUser.get(dashboardOwner)));
            row(
                    "jira:portalPage",
                    id,
                    cloudId,
                    matchCase,
                    matchCase.equals(AMBIGUOUS) ? Expectation.AMBIGUOUS : Expectation.MATCH);
        }
    }
}
