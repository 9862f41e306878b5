package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** An ordered, index-addressable list of derived entities; nothing is materialised unless it is a plain list. */
interface Listing<T> {

    long size();

    T get(long index);

    /** Derives the entity at an index of one space's run. */
    @FunctionalInterface
    interface InSpace<T> {
        T get(Space space, int index);
    }

    static <T> Listing<T> of(List<T> items) {
        return new Listing<>() {
            @Override
            public long size() {
                return items.size();
            }

            @Override
            public T get(long index) {
                return items.get((int) index);
            }
        };
    }

    /** The runs of several spaces one after the other, e.g. all pages of all spaces. */
    static <T> Listing<T> runs(List<Space> spaces, ToIntFunction<Space> count, InSpace<T> derive) {
        long[] starts = new long[spaces.size() + 1];
        for (int i = 0; i < spaces.size(); i++) {
            starts[i + 1] = starts[i] + count.applyAsInt(spaces.get(i));
        }
        return new Listing<>() {
            @Override
            public long size() {
                return starts[spaces.size()];
            }

            @Override
            public T get(long index) {
                int low = 0;
                int high = spaces.size() - 1;
                while (low < high) {
                    int mid = (low + high + 1) >>> 1;
                    if (starts[mid] <= index) {
                        low = mid;
                    } else {
                        high = mid - 1;
                    }
                }
                // skip spaces with an empty run
                while (starts[low + 1] <= index) {
                    low++;
                }
                return derive.get(spaces.get(low), (int) (index - starts[low]));
            }
        };
    }

    default Listing<T> then(Listing<T> next) {
        Listing<T> first = this;
        return new Listing<>() {
            @Override
            public long size() {
                return first.size() + next.size();
            }

            @Override
            public T get(long index) {
                return index < first.size() ? first.get(index) : next.get(index - first.size());
            }
        };
    }

    default List<T> slice(long from, int count) {
        long end = Math.min(size(), from + count);
        var items = new ArrayList<T>((int) Math.max(0, end - from));
        for (long i = from; i < end; i++) {
            items.add(get(i));
        }
        return items;
    }

    /** Every item that passes {@code keep}, materialised: for filtered look-ups (by title, by day) only. */
    default Listing<T> filter(java.util.function.Predicate<T> keep) {
        var kept = new ArrayList<T>();
        for (long i = 0; i < size(); i++) {
            T item = get(i);
            if (keep.test(item)) {
                kept.add(item);
            }
        }
        return of(kept);
    }

    static <T> Listing<T> empty() {
        return of(List.of());
    }
}
