package dev.idmap.cli.redirects;

import dev.idmap.core.rewrite.RedirectRules.Exact;
import dev.idmap.core.rewrite.RedirectRules.Prefix;
import dev.idmap.core.rewrite.RedirectRules.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How a redirect map is written: for nginx, for Apache httpd (mod_rewrite), or as CSV for anything else. */
public enum RedirectFormat {
    /**
     * A {@code map} of {@code $request_uri} (path and query as sent) to the Cloud link, exact rules first, prefix
     * rules as regular expressions; the header comment says where the file and the {@code return 301} go.
     */
    NGINX {
        @Override
        String write(String header, List<Rule> rules) {
            var out = new StringBuilder(comment(header, "#"));
            out.append("# In the http {} block: include this file. In the server {} block of the old host:\n");
            out.append("#     if ($idmap_redirect) { return 301 $idmap_redirect; }\n");
            out.append("map $request_uri $idmap_redirect {\n    default \"\";\n");
            for (var rule : rules) {
                switch (rule) {
                    case Exact exact ->
                        out.append("    ")
                                .append(quoted(exact.from()))
                                .append(' ')
                                .append(quoted(exact.to()))
                                .append(";\n");
                    case Prefix prefix ->
                        out.append("    ")
                                .append(quoted("~^" + regex(prefix.from()) + "(.*)$"))
                                .append(' ')
                                .append(quoted(prefix.to() + "$1"))
                                .append(";\n");
                }
            }
            return out.append("}\n").toString();
        }

        private static String quoted(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    },
    /**
     * {@code mod_rewrite} rules for the old host's {@code <VirtualHost>}: the path matched decoded (as Apache
     * matches it), the query by a {@code RewriteCond}, the Cloud link sent as it is ({@code NE}).
     */
    APACHE {
        @Override
        String write(String header, List<Rule> rules) {
            var out = new StringBuilder(comment(header, "#"));
            out.append("# Inside the <VirtualHost> of the old host (mod_rewrite):\nRewriteEngine On\n");
            for (var rule : rules) {
                switch (rule) {
                    case Exact exact -> {
                        var from = exact.from();
                        int q = from.indexOf('?');
                        var path = q < 0 ? from : from.substring(0, q);
                        if (q >= 0) {
                            out.append("RewriteCond %{QUERY_STRING} ^")
                                    .append(regex(from.substring(q + 1)))
                                    .append("$\n");
                        }
                        out.append("RewriteRule ^")
                                .append(regex(percentDecoded(path)))
                                .append("$ ")
                                .append(substitution(exact.to()))
                                .append(" [R=301,L,NE,QSD]\n");
                    }
                    case Prefix prefix ->
                        out.append("RewriteRule ^")
                                .append(regex(percentDecoded(prefix.from())))
                                .append("(.*)$ ")
                                .append(substitution(prefix.to()))
                                .append("$1 [R=301,L,NE]\n");
                }
            }
            return out.toString();
        }

        /** {@code %} and {@code $} are back-references in a substitution. */
        private static String substitution(String target) {
            return target.replace("\\", "\\\\").replace("%", "\\%").replace("$", "\\$");
        }
    },
    /** {@code kind,from,to,what}: {@code exact} or {@code prefix} rules, RFC 4180. */
    CSV {
        @Override
        String write(String header, List<Rule> rules) {
            var out = new StringBuilder();
            try (var printer = new CSVPrinter(
                    out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
                printer.printRecord("kind", "from", "to", "what");
                for (var rule : rules) {
                    printer.printRecord(
                            rule instanceof Exact ? "exact" : "prefix", rule.from(), rule.to(), rule.what());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    };

    abstract String write(String header, List<Rule> rules);

    private static String comment(String header, String marker) {
        var out = new StringBuilder();
        for (var line : header.split("\n")) {
            out.append(marker).append(' ').append(line).append('\n');
        }
        return out.toString();
    }

    /** A literal for a PCRE pattern. */
    static String regex(String literal) {
        var out = new StringBuilder();
        for (var c : literal.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Percent-decoding only ({@code +} stays a plus), as Apache decodes a path before matching it. */
    static String percentDecoded(String path) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                var encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
