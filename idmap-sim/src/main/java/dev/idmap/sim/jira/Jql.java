package dev.idmap.sim.jira;

import dev.idmap.sim.http.SimHttpException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The subset of JQL the simulator understands, which is what a crawler needs: clauses joined by {@code AND} on
 * {@code project} ({@code =}, {@code in}), {@code id} / {@code issue} ({@code = > >= < <=}) and {@code key} /
 * {@code issuekey} ({@code =}, {@code in}), then {@code ORDER BY id|key [ASC|DESC]}. Anything else is refused with a
 * 400 naming the unsupported part, rather than silently misread.
 */
record Jql(Set<String> projects, long minId, long maxId, Set<String> keys, Order order, boolean descending) {

    enum Order {
        KEY,
        ID
    }

    boolean bounded() {
        return !projects.isEmpty() || minId > Long.MIN_VALUE || maxId < Long.MAX_VALUE || !keys.isEmpty();
    }

    static Jql parse(String text) {
        return new Parser(text == null ? "" : text).parse();
    }

    private static final class Parser {
        private final List<String> tokens;
        private int at;
        private final Set<String> projects = new LinkedHashSet<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private long minId = Long.MIN_VALUE;
        private long maxId = Long.MAX_VALUE;
        private final String text;

        Parser(String text) {
            this.text = text;
            this.tokens = tokenize(text);
        }

        Jql parse() {
            if (!peekIs("order") && !atEnd()) {
                clause();
                while (peekIs("and")) {
                    at++;
                    clause();
                }
            }
            Order order = Order.KEY;
            boolean descending = false;
            if (peekIs("order")) {
                at++;
                expect("by");
                String field = next().toLowerCase(Locale.ROOT);
                order = switch (field) {
                    case "id", "issue", "issueid" -> Order.ID;
                    case "key", "issuekey" -> Order.KEY;
                    default -> throw unsupported("ORDER BY " + field);
                };
                if (peekIs("asc")) {
                    at++;
                } else if (peekIs("desc")) {
                    at++;
                    descending = true;
                }
            }
            if (!atEnd()) {
                throw unsupported(tokens.get(at));
            }
            return new Jql(Set.copyOf(projects), minId, maxId, Set.copyOf(keys), order, descending);
        }

        private void clause() {
            String field = next().toLowerCase(Locale.ROOT);
            String op = next().toLowerCase(Locale.ROOT);
            switch (field) {
                case "project" -> values(op).forEach(v -> projects.add(v.toUpperCase(Locale.ROOT)));
                case "key", "issuekey" -> values(op).forEach(v -> keys.add(v.toUpperCase(Locale.ROOT)));
                case "id", "issue", "issueid" -> idClause(op);
                default -> throw unsupported(field);
            }
        }

        private void idClause(String op) {
            String value = next();
            long id;
            try {
                id = Long.parseLong(value);
            } catch (NumberFormatException notANumber) {
                throw unsupported("id " + op + " " + value);
            }
            switch (op) {
                case "=" -> {
                    minId = Math.max(minId, id);
                    maxId = Math.min(maxId, id);
                }
                case ">" -> minId = Math.max(minId, id + 1);
                case ">=" -> minId = Math.max(minId, id);
                case "<" -> maxId = Math.min(maxId, id - 1);
                case "<=" -> maxId = Math.min(maxId, id);
                default -> throw unsupported("id " + op);
            }
        }

        private List<String> values(String op) {
            if (op.equals("=")) {
                return List.of(next());
            }
            if (!op.equals("in")) {
                throw unsupported(op);
            }
            expect("(");
            var values = new ArrayList<String>();
            values.add(next());
            while (peekIs(",")) {
                at++;
                values.add(next());
            }
            expect(")");
            return values;
        }

        private boolean atEnd() {
            return at >= tokens.size();
        }

        private boolean peekIs(String word) {
            return !atEnd() && tokens.get(at).equalsIgnoreCase(word);
        }

        private String next() {
            if (atEnd()) {
                throw SimHttpException.badRequest(
                        "Error in the JQL Query: Expecting more input at the end of the query '" + text + "'.");
            }
            return tokens.get(at++);
        }

        private void expect(String word) {
            if (!peekIs(word)) {
                throw SimHttpException.badRequest(
                        "Error in the JQL Query: Expecting '" + word + "' in '" + text + "'.");
            }
            at++;
        }

        private SimHttpException unsupported(String part) {
            return SimHttpException.badRequest("Error in the JQL Query: '" + part
                    + "' is not supported by the simulator (it understands project, id, key, AND, ORDER BY id|key).");
        }

        private static List<String> tokenize(String text) {
            var tokens = new ArrayList<String>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    int end = text.indexOf(c, i + 1);
                    if (end < 0) {
                        throw SimHttpException.badRequest(
                                "Error in the JQL Query: unterminated string in '" + text + "'.");
                    }
                    tokens.add(text.substring(i + 1, end));
                    i = end + 1;
                } else if (c == '(' || c == ')' || c == ',') {
                    tokens.add(Character.toString(c));
                    i++;
                } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                    int end = i + 1;
                    if (end < text.length() && text.charAt(end) == '=') {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                } else {
                    int end = i;
                    while (end < text.length()
                            && !Character.isWhitespace(text.charAt(end))
                            && "()=,!<>\"'".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                }
            }
            return tokens;
        }
    }
}
