package se.kvalitet.web.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The suite's rule for values that are not there (conventions.md, "Absent values"): a response leaves
 * the property out; it never sends {@code null}. The OpenAPI documents therefore declare no property
 * nullable, and a client generated from them with strict null checks reads every response. A request
 * may send {@code null} or leave the property out, which mean the same.
 */
@Singleton
public class NullsNotSent implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
    }
}
