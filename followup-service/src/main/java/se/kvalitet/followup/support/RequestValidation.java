package se.kvalitet.followup.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import se.kvalitet.web.ProblemException;

/**
 * Bean Validation run by hand, after object-level access was checked: a caller who may not touch
 * an object learns nothing about it from validation messages (403/404 first, then 400).
 */
@ApplicationScoped
public class RequestValidation {

    @Inject
    Validator validator;

    public <T> T check(T request) {
        if (request == null) {
            throw ProblemException.badRequest("validation", "A request body is required", java.util.List.of());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
