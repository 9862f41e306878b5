package dev.idmap.core.rewrite;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An absolute http(s) link split into its parts without normalising anything, so that the parts a translation does
 * not touch come out byte for byte as they went in.
 *
 * @param port the explicit port, or -1
 * @param path the raw path, e.g. {@code /display/ENG/Engineering+Home}
 * @param query the raw query parameters in order
 * @param fragment the raw fragment with its {@code #}, or empty
 */
record Link(String scheme, String host, int port, String path, List<Param> query, String fragment) {

    private static final Pattern ABSOLUTE =
            Pattern.compile("(?i)(https?)://([^/?#:@]+)(?::([0-9]{1,5}))?([^?#]*)" + "(\\?[^#]*)?(#.*)?");

    /** One {@code name=value} of a query, raw (percent-encoded as it stood). */
    record Param(String name, String value, boolean hasValue) {
        String decodedValue() {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }

        Param withValue(String rawValue) {
            return new Param(name, rawValue, true);
        }

        @Override
        public String toString() {
            return hasValue ? name + "=" + value : name;
        }
    }

    static Optional<Link> parse(String text) {
        var m = ABSOLUTE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        var scheme = m.group(1).toLowerCase(Locale.ROOT);
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : -1;
        var params = new ArrayList<Param>();
        if (m.group(5) != null && m.group(5).length() > 1) {
            for (var part : m.group(5).substring(1).split("&", -1)) {
                int eq = part.indexOf('=');
                params.add(
                        eq < 0
                                ? new Param(part, "", false)
                                : new Param(part.substring(0, eq), part.substring(eq + 1), true));
            }
        }
        return Optional.of(
                new Link(scheme, m.group(2), port, m.group(4), params, m.group(6) == null ? "" : m.group(6)));
    }

    /** The port the link reaches, explicit or the scheme's default. */
    int effectivePort() {
        return port >= 0 ? port : scheme.equals("http") ? 80 : 443;
    }

    Optional<Param> param(String name) {
        return query.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static String queryString(List<Param> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + String.join("&", params.stream().map(Param::toString).toList());
    }

    /** Form-encoded as Confluence writes titles ({@code +} for spaces), keeping the unreserved {@code ~}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%7E", "~");
    }

    static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
