package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The details a crawl went on without, one {@link Group} per site side, entity type, kind of request and answer
 * status: a site that lacks {@code /field/{id}/context} gives one warning for all its fields, not one per field.
 * Memory is bounded whatever the number of items: a group keeps its count and its first {@value #EXAMPLES} items.
 *
 * <p>"First" is the smallest ({@link #ITEM_ORDER}: {@code issue ABC-9} before {@code issue ABC-10}), never
 * the first to arrive: crawl workers finish parts in any order, and a resumed run must report the same
 * examples as an uninterrupted one. Thread-safe: a crawler may skip details from several threads at once.
 */
public final class SkippedDetails {

    /** Items named per group. */
    public static final int EXAMPLES = 5;

    /** Text in order, runs of digits as numbers: {@code issue ABC-9} before {@code issue ABC-10}. */
    public static final Comparator<String> ITEM_ORDER = SkippedDetails::compareItems;

    /** What groups details: a group is one warning. */
    private record Key(Side side, EntityType type, String endpoint, int status) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::side)
                .thenComparing(Key::type)
                .thenComparing(Key::endpoint)
                .thenComparingInt(Key::status);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * The details of one kind a site did not give.
     *
     * @param endpoint the kind of request, e.g. {@code GET /rest/api/2/issue/{issueIdOrKey}/comment}
     * @param status the answer's HTTP status
     * @param request one of the requests (for the first of {@code examples} when there are any), to repeat
     * @param answer the site's answer to {@code request}
     * @param consequence what the missing details mean for the reports
     * @param items how many items lack the detail
     * @param examples the first few of them, smallest first (empty for an auxiliary request)
     */
    public record Group(
            Side side,
            EntityType type,
            String endpoint,
            int status,
            String request,
            String answer,
            String consequence,
            long items,
            List<String> examples) {

        public Group {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(consequence, "consequence");
            examples = List.copyOf(examples);
        }

        private Key key() {
            return new Key(side, type, endpoint, status);
        }

        /** This group and another of the same kind as one: counts added, the first examples of both kept. */
        Group and(Group other) {
            var examples = new ArrayList<>(this.examples);
            examples.addAll(other.examples);
            examples.sort(ITEM_ORDER);
            var sample = other.examples.isEmpty()
                            || (!this.examples.isEmpty()
                                    && ITEM_ORDER.compare(this.examples.getFirst(), other.examples.getFirst()) <= 0)
                    ? this
                    : other;
            return new Group(
                    side,
                    type,
                    endpoint,
                    status,
                    sample.request,
                    sample.answer,
                    sample.consequence,
                    items + other.items,
                    examples.subList(0, Math.min(EXAMPLES, examples.size())));
        }

        /** The warning for a person to read. */
        public NotAvailable warning() {
            return NotAvailable.details(this);
        }
    }

    private final Map<Key, Group> groups = new TreeMap<>();

    private static int compareItems(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                var numberA = new java.math.BigInteger(a.substring(i, endA));
                var numberB = new java.math.BigInteger(b.substring(j, endB));
                int byNumber = numberA.compareTo(numberB);
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(a.charAt(i), b.charAt(j));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b); // "007" and "7" are still told apart
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Counts one skipped detail of a site. */
    public void add(Side side, SkippedDetail detail) {
        var exchange = detail.exchange();
        add(new Group(
                side,
                detail.type(),
                exchange.endpoint(),
                exchange.status(),
                exchange.request(),
                exchange.answer(),
                detail.consequence(),
                1,
                detail.item() == null ? List.of() : List.of(detail.item())));
    }

    /** Counts a group, e.g. one checkpointed with a part a resumed run does not crawl again. */
    public synchronized void add(Group group) {
        groups.merge(group.key(), group, Group::and);
    }

    public void addAll(Collection<Group> groups) {
        groups.forEach(this::add);
    }

    /** Every group, by side, type, endpoint and status. */
    public synchronized List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized boolean isEmpty() {
        return groups.isEmpty();
    }
}
