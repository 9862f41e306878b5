package dev.idmap.service.security;

/** An authenticated API caller: it sees its own jobs; an admin sees every job. */
public record Caller(String name, boolean admin) {

    public boolean maySee(String owner) {
        return admin || name.equals(owner);
    }
}
