package dev.idmap.sim.http;

/** One endpoint of a site: method, path template, who may call it, and its handler. */
public record Route(String method, PathTemplate path, Access access, Handler handler) {

    /** The key requests are counted under, e.g. {@code GET /rest/api/2/project/{projectIdOrKey}}. */
    public String endpoint() {
        return method + " " + path.template();
    }
}
