package dev.idmap.connectors.http;

import java.time.Duration;

/** Waits between attempts; injected so that tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
