package dev.idmap.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors (e.g. Jira Cloud's {@code nextPageToken}, Confluence's {@code cursor}): a position and the query it
 * belongs to, so a token reused with another query is refused rather than silently misread.
 */
public final class Cursors {

    private Cursors() {}

    public static String encode(String query, long position) {
        String plain = Integer.toHexString(query.hashCode()) + ":" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in {@code token}, or a 400 when the token is malformed or was issued for another query. */
    public static long decode(String query, String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 0 || !plain.substring(0, colon).equals(Integer.toHexString(query.hashCode()))) {
                throw SimHttpException.badRequest("The cursor is invalid or does not belong to this query.");
            }
            long position = Long.parseLong(plain.substring(colon + 1));
            if (position < 0) {
                throw SimHttpException.badRequest("The cursor is invalid.");
            }
            return position;
        } catch (IllegalArgumentException malformed) {
            throw SimHttpException.badRequest("The cursor is invalid.");
        }
    }
}
