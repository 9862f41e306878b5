package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the Data Center ids in a JQL query: numeric values of clauses whose field names an entity type
 * ({@code project = 10000}, {@code status in (1, "3")}, {@code fixVersion != 10100}), users of user clauses
 * ({@code assignee = JIRAUSER10000} or a user name, to an accountId), and custom field references
 * ({@code cf[10100]}, {@code customfield_10100}) wherever they stand. Only {@code =}, {@code !=}, {@code in} and
 * {@code not in} clauses are candidates; names, keys, functions, {@code EMPTY}, and the values of custom field
 * clauses (an option id or a plain number, which JQL alone cannot tell apart) are never replaced.
 */
public final class JqlRewriter {

    private static final Map<String, EntityType> FIELDS = Map.ofEntries(
            Map.entry("project", EntityType.PROJECT),
            Map.entry("issuetype", EntityType.ISSUE_TYPE),
            Map.entry("type", EntityType.ISSUE_TYPE),
            Map.entry("status", EntityType.ISSUE_STATUS),
            Map.entry("priority", EntityType.PRIORITY),
            Map.entry("resolution", EntityType.RESOLUTION),
            Map.entry("fixversion", EntityType.VERSION),
            Map.entry("affectedversion", EntityType.VERSION),
            Map.entry("component", EntityType.COMPONENT),
            Map.entry("sprint", EntityType.SPRINT),
            Map.entry("filter", EntityType.FILTER),
            Map.entry("savedfilter", EntityType.FILTER),
            Map.entry("request", EntityType.FILTER),
            Map.entry("issue", EntityType.ISSUE),
            Map.entry("issuekey", EntityType.ISSUE),
            Map.entry("key", EntityType.ISSUE),
            Map.entry("id", EntityType.ISSUE),
            Map.entry("parent", EntityType.ISSUE));

    private static final Set<String> USER_FIELDS = Set.of("assignee", "reporter", "creator", "watcher", "voter");
    private static final Set<String> NO_VALUE = Set.of("empty", "null");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("(?i)(cf\\[|customfield_)([0-9]+)(]?)");
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.]+");

    private final IdMapping mapping;

    public JqlRewriter(IdMapping mapping) {
        this.mapping = mapping;
    }

    enum Kind {
        WORD,
        STRING,
        OPERATOR,
        OPEN,
        CLOSE,
        COMMA
    }

    record Token(Kind kind, int start, int end, String value) {
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isOperand() {
            return kind == Kind.WORD || kind == Kind.STRING;
        }
    }

    /** The decisions about every candidate in the query, as spans of it. */
    public List<Edit> rewrite(String jql) {
        var tokens = tokens(jql);
        var edits = new ArrayList<Edit>();
        int i = 0;
        while (i < tokens.size()) {
            var token = tokens.get(i);
            if (!token.isOperand()) {
                i++;
                continue;
            }
            var customField = customField(token);
            if (customField != null) {
                edits.add(customField);
            }
            int afterOperator = operatorEnd(tokens, i + 1);
            if (afterOperator < 0) {
                i++;
                continue;
            }
            var field = token.value().toLowerCase(Locale.ROOT);
            i = values(tokens, afterOperator, field, customField != null, edits);
        }
        return edits;
    }

    /** The index after {@code =}, {@code !=}, {@code in} or {@code not in} following a field, or -1. */
    private static int operatorEnd(List<Token> tokens, int at) {
        if (at >= tokens.size()) {
            return -1;
        }
        var token = tokens.get(at);
        if (token.kind() == Kind.OPERATOR
                && (token.value().equals("=") || token.value().equals("!="))) {
            return at + 1;
        }
        if (token.isWord("in")) {
            return at + 1;
        }
        if (token.isWord("not") && at + 1 < tokens.size() && tokens.get(at + 1).isWord("in")) {
            return at + 2;
        }
        return -1;
    }

    /** Decides the value or parenthesised values of a clause; answers the index after them. */
    private int values(List<Token> tokens, int at, String field, boolean customFieldClause, List<Edit> edits) {
        if (at >= tokens.size()) {
            return at;
        }
        if (tokens.get(at).kind() == Kind.OPEN) {
            int i = at + 1;
            while (i < tokens.size() && tokens.get(i).kind() != Kind.CLOSE) {
                i = value(tokens, i, field, customFieldClause, edits);
            }
            return i + 1;
        }
        return value(tokens, at, field, customFieldClause, edits);
    }

    private int value(List<Token> tokens, int at, String field, boolean customFieldClause, List<Edit> edits) {
        var token = tokens.get(at);
        if (!token.isOperand()) {
            return at + 1;
        }
        if (token.kind() == Kind.WORD
                && at + 1 < tokens.size()
                && tokens.get(at + 1).kind() == Kind.OPEN) {
            return afterParentheses(tokens, at + 1); // a function such as currentUser() or membersOf("x")
        }
        if (token.kind() == Kind.WORD && NO_VALUE.contains(token.value().toLowerCase(Locale.ROOT))) {
            return at + 1;
        }
        var numeric = DIGITS.matcher(token.value()).matches();
        if (customFieldClause) {
            if (numeric) {
                edits.add(new Edit(
                        token.start(),
                        token.end(),
                        new Decision.Skipped(
                                token.value(),
                                "a value of a custom field clause: an option id or a plain number, JQL cannot tell")));
            }
        } else if (USER_FIELDS.contains(field)) {
            edits.add(user(token));
        } else if (numeric && FIELDS.containsKey(field)) {
            var type = FIELDS.get(field);
            edits.add(edit(token, mapping.byId(type, token.value()), type.namespace()));
        }
        return at + 1;
    }

    private Edit user(Token token) {
        return edit(token, mapping.user(Product.JIRA, token.value()), EntityType.JIRA_USER.namespace());
    }

    private static Edit edit(Token token, IdMapping.Resolution resolution, String what) {
        var old = original(token);
        return switch (resolution) {
            case IdMapping.Mapped mapped ->
                new Edit(
                        token.start(),
                        token.end(),
                        new Decision.Replaced(old, quotedLike(token, mapped.cloudId()), what));
            case IdMapping.NotMapped(var reason) ->
                new Edit(token.start(), token.end(), new Decision.Skipped(old, reason));
        };
    }

    private Edit customField(Token token) {
        if (token.kind() != Kind.WORD) {
            return null;
        }
        var matcher = CUSTOM_FIELD.matcher(token.value());
        if (!matcher.matches()
                || (matcher.group(1).equalsIgnoreCase("cf[") != matcher.group(3).equals("]"))) {
            return null;
        }
        var resolution = mapping.byId(EntityType.CUSTOM_FIELD, matcher.group(2));
        return switch (resolution) {
            case IdMapping.Mapped mapped ->
                new Edit(
                        token.start(),
                        token.end(),
                        new Decision.Replaced(
                                token.value(),
                                matcher.group(1) + mapped.cloudId() + matcher.group(3),
                                EntityType.CUSTOM_FIELD.namespace()));
            case IdMapping.NotMapped(var reason) ->
                new Edit(token.start(), token.end(), new Decision.Skipped(token.value(), reason));
        };
    }

    private static String original(Token token) {
        return token.kind() == Kind.STRING ? "\"" + token.value() + "\"" : token.value();
    }

    /** The new value in the original's quoting, quoted anyway when JQL needs it (an accountId with a colon). */
    private static String quotedLike(Token token, String value) {
        if (token.kind() == Kind.STRING || !PLAIN_VALUE.matcher(value).matches()) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return value;
    }

    private static int afterParentheses(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            switch (tokens.get(i).kind()) {
                case OPEN -> depth++;
                case CLOSE -> {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                default -> {}
            }
        }
        return tokens.size();
    }

    static List<Token> tokens(String jql) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < jql.length()) {
            char c = jql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int start = i++;
                var value = new StringBuilder();
                while (i < jql.length() && jql.charAt(i) != c) {
                    if (jql.charAt(i) == '\\' && i + 1 < jql.length()) {
                        i++;
                    }
                    value.append(jql.charAt(i++));
                }
                i = Math.min(i + 1, jql.length());
                tokens.add(new Token(Kind.STRING, start, i, value.toString()));
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(
                        c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, i, i + 1, String.valueOf(c)));
                i++;
            } else if ("=!<>~".indexOf(c) >= 0) {
                int start = i++;
                while (i < jql.length() && "=~".indexOf(jql.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(new Token(Kind.OPERATOR, start, i, jql.substring(start, i)));
            } else {
                int start = i;
                while (i < jql.length() && isWordChar(jql.charAt(i))) {
                    i++;
                }
                if (i < jql.length() && jql.charAt(i) == '[') { // cf[10100]
                    int close = jql.indexOf(']', i);
                    i = close < 0 ? jql.length() : close + 1;
                }
                if (i == start) {
                    i++; // a stray character such as ']'
                }
                tokens.add(new Token(Kind.WORD, start, i, jql.substring(start, i)));
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && "=!<>~(),\"'[]".indexOf(c) < 0;
    }
}
