package dev.idmap.sim.http;

/** Who may call a route: any authenticated account, or only a site administrator (403 for others). */
public enum Access {
    USER,
    ADMIN
}
