package se.kvalitet.report;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

/**
 * veraPDF (greenfield parser, its own, not PDFBox) validating a document against PDF/A-2a and
 * PDF/UA-1 in one pass: the rules of ISO 19005-2 level A and ISO 14289-1 (the machine-checkable
 * Matterhorn conditions).
 */
public final class VeraPdf {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private VeraPdf() {}

    /** The failed rules (clause-test: message, times), per flavour; empty lists when the document conforms. */
    public static Map<String, List<String>> failures(byte[] pdf) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        List<PDFAFlavour> flavours = List.of(PDFAFlavour.PDFA_2_A, PDFAFlavour.PDFUA_1);
        try (PDFAParser parser =
                Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_A)) {
            // no passed checks recorded, every failure counted, at most 20 shown per rule
            PDFAValidator validator = ValidatorFactory.createValidator(flavours, false, -1, 20, true, false);
            for (ValidationResult r : validator.validateAll(parser)) {
                Map<String, Integer> failed = new TreeMap<>();
                for (TestAssertion a : r.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        failed.merge(
                                a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage(),
                                1,
                                Integer::sum);
                    }
                }
                List<String> list = new ArrayList<>();
                failed.forEach((rule, n) -> list.add(rule + " (" + n + "x)"));
                if (!r.isCompliant() && list.isEmpty()) {
                    list.add("not compliant");
                }
                out.put(r.getPDFAFlavour().getId(), list);
            }
        }
        return out;
    }
}
