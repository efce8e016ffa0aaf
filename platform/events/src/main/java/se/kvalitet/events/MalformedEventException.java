package se.kvalitet.events;

/** A Kafka record that is not a valid event of this suite (missing CloudEvents attribute, unparsable body). */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
