package se.kvalitet.web.input;

import jakarta.ws.rs.BadRequestException;

/**
 * A path, query or header parameter that breaks an input rule or cannot be converted: a 400
 * problem naming the parameter (JAX-RS would answer a failed conversion with a bare 404), never
 * echoing the value.
 */
public class ParameterProblem extends BadRequestException {

    private final String parameter;
    private final String fieldMessage;

    public ParameterProblem(String parameter, String fieldMessage) {
        super(parameter + " " + fieldMessage);
        this.parameter = parameter;
        this.fieldMessage = fieldMessage;
    }

    public String parameter() {
        return parameter;
    }

    public String fieldMessage() {
        return fieldMessage;
    }
}
