package se.kvalitet.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A value in a JSON body that breaks an input rule. Its message is the field-level message shown
 * to the client (never the value); Jackson adds the JSON path as the exception travels up.
 */
public class InputRejectedException extends JsonMappingException {

    private final String fieldMessage;

    public InputRejectedException(JsonParser parser, String fieldMessage) {
        super(parser, fieldMessage);
        this.fieldMessage = fieldMessage;
    }

    public String fieldMessage() {
        return fieldMessage;
    }
}
