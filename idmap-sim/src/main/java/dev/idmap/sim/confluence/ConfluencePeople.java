package dev.idmap.sim.confluence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The users and groups of both sites, and what the migration did to them. Users are laid out in blocks of 20; the
 * slot within a block decides the case (see {@link #caseOfSlot(int)}), so every block holds every case once.
 * Small enough to hold in memory even at the large scale (10,000 users).
 */
final class ConfluencePeople {

    /** A user of the Data Center site. {@code account} is the Cloud account it became, if it was migrated. */
    record User(
            int index,
            String key,
            String username,
            String displayName,
            String email,
            boolean active,
            ConfluenceCase matchCase,
            Optional<Account> account) {}

    /**
     * An Atlassian account of the Cloud site. {@code emailVisible} false means the user hides it: the APIs answer an
     * empty email.
     */
    record Account(
            String accountId,
            String displayName,
            String email,
            boolean emailVisible,
            String accountType,
            boolean fromMigration) {

        /** The key of this account's personal space on Cloud: {@code ~} and the accountId's letters and digits. */
        String personalSpaceKey() {
            return "~" + accountId.replace(":", "").replace("-", "");
        }
    }

    /** A group of the Data Center site and the Cloud group it became, if migrated. */
    record Group(int index, String name, ConfluenceCase matchCase, Optional<CloudGroup> cloudGroup) {}

    record CloudGroup(String id, String name, boolean fromMigration) {}

    static final int BLOCK = 20;

    private static final String[] FIRST = {
        "Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gustav", "Hana", "Ivan", "Julia",
        "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"
    };
    private static final String[] LAST = {
        "Andersen", "Barros", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jensen",
        "Kowalski", "Laine", "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka"
    };
    private static final String[] TEAMS = {
        "engineering",
        "marketing",
        "support",
        "finance",
        "design",
        "quality",
        "sales",
        "operations",
        "legal",
        "research"
    };

    private final List<User> users;
    private final List<Account> accounts;
    private final List<Group> groups;
    private final List<CloudGroup> cloudGroups;
    private final Map<String, User> usersByKey = new HashMap<>();
    private final Map<String, User> usersByUsername = new HashMap<>();
    private final Map<String, CloudGroup> cloudGroupsByName = new HashMap<>();
    private final Map<String, Group> groupsByName = new HashMap<>();

    ConfluencePeople(long seed, ConfluenceSize size) {
        this.users = new ArrayList<>(size.users());
        var accountsInOrder = new LinkedHashMap<String, Account>();
        for (int u = 0; u < size.users(); u++) {
            User user = user(seed, u);
            users.add(user);
            usersByKey.put(user.key(), user);
            usersByUsername.put(user.username(), user);
            user.account().ifPresent(a -> accountsInOrder.putIfAbsent(a.accountId(), a));
        }
        int cloudOnly = Math.max(2, size.users() / BLOCK);
        for (int c = 0; c < cloudOnly; c++) {
            Account account = cloudOnlyAccount(seed, c);
            accountsInOrder.put(account.accountId(), account);
        }
        this.accounts = List.copyOf(accountsInOrder.values());

        this.groups = new ArrayList<>(size.groups());
        var cloud = new ArrayList<CloudGroup>();
        for (int g = 0; g < size.groups(); g++) {
            String name = TEAMS[g % TEAMS.length] + (g >= TEAMS.length ? "-" + (g / TEAMS.length + 1) : "");
            ConfluenceCase matchCase = groupCase(g);
            Optional<CloudGroup> target = switch (matchCase) {
                case GROUP_NOT_MIGRATED -> Optional.empty();
                case GROUP_MERGED_BY_NAME ->
                    // the group existed on Cloud before the migration: the migration added members to it
                    Optional.of(new CloudGroup(Seeded.uuid(seed, 31, g).toString(), name, false));
                default -> Optional.of(new CloudGroup(Seeded.uuid(seed, 37, g).toString(), name, true));
            };
            Group group = new Group(g, name, matchCase, target);
            groups.add(group);
            groupsByName.put(name, group);
            target.ifPresent(cloud::add);
        }
        cloud.add(new CloudGroup(Seeded.uuid(seed, 41, 0).toString(), "site-admins", false));
        cloud.add(new CloudGroup(Seeded.uuid(seed, 41, 1).toString(), "cloud-newcomers", false));
        cloud.sort((a, b) -> a.name().compareTo(b.name()));
        this.cloudGroups = List.copyOf(cloud);
        cloudGroups.forEach(g -> cloudGroupsByName.put(g.name(), g));
    }

    /** The case of a user by its slot within its block of 20. */
    static ConfluenceCase caseOfSlot(int slot) {
        return switch (slot) {
            case 3 -> ConfluenceCase.USER_EMAIL_CASE_DIFFERS;
            case 5 -> ConfluenceCase.USER_EMAIL_HIDDEN;
            case 7, 8 -> ConfluenceCase.USER_MERGED_SHARED_EMAIL;
            case 11 -> ConfluenceCase.USER_NOT_MIGRATED;
            case 13 -> ConfluenceCase.USER_DEACTIVATED;
            default -> ConfluenceCase.USER_EMAIL_MATCH;
        };
    }

    static ConfluenceCase groupCase(int g) {
        return switch (g % 4) {
            case 1 -> ConfluenceCase.GROUP_MERGED_BY_NAME;
            case 3 -> ConfluenceCase.GROUP_NOT_MIGRATED;
            default -> ConfluenceCase.GROUP_CREATED;
        };
    }

    /** A user index that was migrated, derived from {@code hash}: never one of the users left behind. */
    int migratedAuthor(long hash) {
        int u = Seeded.below(hash, users.size());
        return caseOfSlot(u % BLOCK) == ConfluenceCase.USER_NOT_MIGRATED ? u - 1 : u;
    }

    private static User user(long seed, int u) {
        int slot = u % BLOCK;
        String first = FIRST[u % FIRST.length];
        String last = LAST[(u / FIRST.length + u) % LAST.length];
        int round = u / (FIRST.length * LAST.length);
        String username =
                (first.charAt(0) + last).toLowerCase(Locale.ROOT) + (round > 0 ? Integer.toString(round) : "");
        String displayName = first + " " + last + (round > 0 ? " " + round : "");
        String key = Seeded.hex(Seeded.mix(seed, 1, u), 16) + Seeded.hex(Seeded.mix(seed, 2, u), 16);
        ConfluenceCase matchCase = caseOfSlot(slot);
        String email = switch (matchCase) {
            // the second user of a shared address: the Data Center allowed it, Cloud merged both into one
            case USER_MERGED_SHARED_EMAIL -> slot == 8 ? emailOf(sharedOwner(u)) : emailOf(username);
            case USER_EMAIL_CASE_DIFFERS -> first + "." + last + "@Example.COM";
            default -> emailOf(username);
        };
        boolean active = matchCase != ConfluenceCase.USER_DEACTIVATED;
        Optional<Account> account = switch (matchCase) {
            case USER_NOT_MIGRATED -> Optional.empty();
            case USER_MERGED_SHARED_EMAIL ->
                Optional.of(account(seed, u - slot + 7, displayNameOf(u - slot + 7), email, true));
            case USER_EMAIL_HIDDEN -> Optional.of(account(seed, u, displayName, email, false));
            default -> Optional.of(account(seed, u, displayName, email.toLowerCase(Locale.ROOT), true));
        };
        return new User(u, key, username, displayName, email, active, matchCase, account);
    }

    private static int sharedOwner(int u) {
        return u - (u % BLOCK) + 7;
    }

    private static String emailOf(int u) {
        String first = FIRST[u % FIRST.length];
        String last = LAST[(u / FIRST.length + u) % LAST.length];
        int round = u / (FIRST.length * LAST.length);
        return emailOf((first.charAt(0) + last).toLowerCase(Locale.ROOT) + (round > 0 ? Integer.toString(round) : ""));
    }

    private static String emailOf(String username) {
        return username + "@example.com";
    }

    private static String displayNameOf(int u) {
        int round = u / (FIRST.length * LAST.length);
        return FIRST[u % FIRST.length] + " " + LAST[(u / FIRST.length + u) % LAST.length]
                + (round > 0 ? " " + round : "");
    }

    private static Account account(long seed, int u, String displayName, String email, boolean visible) {
        return new Account(accountId(seed, u), displayName, email, visible, "atlassian", true);
    }

    private static Account cloudOnlyAccount(long seed, int c) {
        if (c == 0) {
            return new Account(accountId(seed, 1_000_000), "Automation for Confluence", "", false, "app", false);
        }
        String name = "Newcomer " + c;
        return new Account(
                accountId(seed, 1_000_000 + c), name, "newcomer" + c + "@example.com", true, "atlassian", false);
    }

    /** Both accountId forms in use: 24 characters (older accounts) and {@code 712020:<uuid>} (newer ones). */
    static String accountId(long seed, int u) {
        long h = Seeded.mix(seed, 3, u);
        if (Seeded.below(h, 3) == 0) {
            return "712020:" + Seeded.uuid(seed, 4, u);
        }
        return Seeded.hex(h, 16) + Seeded.hex(Seeded.mix(seed, 5, u), 7) + (char) ('a' + Seeded.below(h >>> 8, 26));
    }

    List<User> users() {
        return users;
    }

    User user(int index) {
        return users.get(index);
    }

    Optional<User> userByKey(String key) {
        return Optional.ofNullable(usersByKey.get(key));
    }

    Optional<User> userByUsername(String username) {
        return Optional.ofNullable(usersByUsername.get(username));
    }

    List<Account> accounts() {
        return accounts;
    }

    List<Group> groups() {
        return groups;
    }

    Optional<Group> groupByName(String name) {
        return Optional.ofNullable(groupsByName.get(name));
    }

    List<CloudGroup> cloudGroups() {
        return cloudGroups;
    }

    Optional<CloudGroup> cloudGroupByName(String name) {
        return Optional.ofNullable(cloudGroupsByName.get(name));
    }

    /** Data Center membership: every user whose index falls in the group, plus half of all users in the first. */
    boolean isMember(User user, Group group) {
        return user.index() % groups.size() == group.index() || (group.index() == 0 && user.index() % 2 == 0);
    }

    List<User> members(Group group) {
        return users.stream().filter(u -> isMember(u, group)).toList();
    }

    /**
     * Cloud membership: the migrated members of the Data Center group (merged accounts once); a group that already
     * existed on Cloud also keeps its Cloud-only members.
     */
    List<Account> cloudMembers(CloudGroup cloudGroup) {
        var members = new LinkedHashMap<String, Account>();
        Optional<Group> source =
                groupByName(cloudGroup.name()).filter(g -> g.cloudGroup().isPresent());
        source.ifPresent(g -> users.stream()
                .filter(u -> isMember(u, g))
                .flatMap(u -> u.account().stream())
                .forEach(a -> members.putIfAbsent(a.accountId(), a)));
        if (!cloudGroup.fromMigration()) {
            accounts.stream().filter(a -> !a.fromMigration()).forEach(a -> members.putIfAbsent(a.accountId(), a));
        }
        return List.copyOf(members.values());
    }
}
