package dev.idmap.sim.http;

/**
 * An expected refusal of a simulated endpoint (bad parameter, missing entity, ...). The site renders it with its
 * product's error body, so handlers never build error JSON themselves.
 */
public final class SimHttpException extends RuntimeException {

    private final int status;

    public SimHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static SimHttpException badRequest(String message) {
        return new SimHttpException(400, message);
    }

    public static SimHttpException notFound(String message) {
        return new SimHttpException(404, message);
    }
}
