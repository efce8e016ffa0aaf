package se.kvalitet.web;

/**
 * Another system the service depends on for this request (not its database) cannot answer at the
 * moment: unreachable, too slow or failing. Answered as a {@code 503} problem with {@code Retry-After}
 * by {@link DependencyUnavailableMappers}, never a {@code 400} or {@code 500}: the request was not
 * carried out and may be repeated. The message names the dependency (no personal data).
 */
public class DependencyUnavailableException extends RuntimeException {

    private final String dependency;

    /** @param dependency what could not answer, in words a client reads ("the process registry") */
    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " cannot be reached at the moment", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
