package se.kvalitet.followup.measurement;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import se.kvalitet.followup.domain.Enums.MissingReason;

/**
 * The measured facts a measurement and each of its revisions hold (the same columns in
 * {@code measurement} and {@code measurement_revision}): a value, or a share's parts, the answers
 * behind it, or why it is missing, with its source and comment.
 */
@MappedSuperclass
public abstract class MeasuredFacts {

    @Column(precision = 20, scale = 6)
    public BigDecimal value;

    @Column(precision = 20, scale = 6)
    public BigDecimal numerator;

    @Column(precision = 20, scale = 6)
    public BigDecimal denominator;

    public Integer responses;

    @Column(name = "response_rate", precision = 9, scale = 6)
    public BigDecimal responseRate;

    @Enumerated(EnumType.STRING)
    @Column(name = "missing_reason", length = 30)
    public MissingReason missingReason;

    @Column(length = 100)
    public String source;

    @Column(length = 1000)
    public String comment;

    public Measurement.Values values() {
        return new Measurement.Values(
                value, numerator, denominator, responses, responseRate, missingReason, source, comment);
    }

    protected void setFacts(Measurement.Values v) {
        value = v.value();
        numerator = v.numerator();
        denominator = v.denominator();
        responses = v.responses();
        responseRate = v.responseRate();
        missingReason = v.missingReason();
        source = v.source();
        comment = v.comment();
    }
}
