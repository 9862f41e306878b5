package dev.idmap.sim.http;

/** The account a request was authenticated as. */
public record Principal(String login, boolean admin) {}
