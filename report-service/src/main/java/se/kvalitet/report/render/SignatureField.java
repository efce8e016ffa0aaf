package se.kvalitet.report.render;

import java.io.IOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDObjectReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * The empty, invisible signature field an approved version is rendered with, so that signing later
 * only fills it in (an incremental update that keeps PDF/A): a zero-size printable widget on the
 * first page with an empty appearance (PDF/A-2), described by a tooltip and tagged as a Form
 * structure element holding a reference to the widget (PDF/UA-1 7.18.4).
 */
final class SignatureField {

    static final String NAME = "Signatur";
    static final String DESCRIPTION = "Digital signatur (PAdES) av den godkända versionen";

    private SignatureField() {}

    static void add(PDDocument doc) throws IOException {
        PDPage page = doc.getPage(0);
        PDAcroForm form = new PDAcroForm(doc);
        doc.getDocumentCatalog().setAcroForm(form);
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(NAME);
        field.setAlternateFieldName(DESCRIPTION);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(new PDRectangle());
        widget.setPage(page);
        widget.setPrinted(true);
        PDAppearanceStream empty = new PDAppearanceStream(doc);
        empty.setBBox(new PDRectangle());
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(empty);
        widget.setAppearance(appearance);
        page.getAnnotations().add(widget);
        page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
        form.getFields().add(field);
        tag(doc, page, widget);
    }

    /** A Form element at the end of the document's structure, pointing at the widget through the parent tree. */
    private static void tag(PDDocument doc, PDPage page, PDAnnotationWidget widget) throws IOException {
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        if (root == null
                || root.getKids().isEmpty()
                || !(root.getKids().get(0) instanceof PDStructureElement document)) {
            throw new IllegalStateException("the document has no structure tree to tag the signature field in");
        }
        PDStructureElement element = new PDStructureElement("Form", document);
        element.setPage(page);
        element.setAlternateDescription(DESCRIPTION);
        PDObjectReference reference = new PDObjectReference();
        reference.setReferencedObject(widget);
        reference.setPage(page);
        element.appendKid(reference);
        document.appendKid(element);
        int key = root.getParentTreeNextKey();
        widget.setStructParent(key);
        root.setParentTreeNextKey(key + 1);
        appendToParentTree(root.getParentTree().getCOSObject(), key, element.getCOSObject());
    }

    /** Adds {@code key → value} to a number tree whose keys all lie below {@code key} (flat or with leaf kids). */
    static void appendToParentTree(COSDictionary node, int key, COSDictionary value) {
        COSArray kids = node.getCOSArray(COSName.KIDS);
        if (kids != null && kids.size() > 0) {
            COSDictionary last = (COSDictionary) kids.getObject(kids.size() - 1);
            appendToParentTree(last, key, value);
            COSArray limits = last.getCOSArray(COSName.LIMITS);
            if (limits != null && limits.size() == 2) {
                limits.set(1, COSInteger.get(key));
            }
            return;
        }
        COSArray nums = node.getCOSArray(COSName.NUMS);
        if (nums == null) {
            nums = new COSArray();
            node.setItem(COSName.NUMS, nums);
        }
        nums.add(COSInteger.get(key));
        nums.add(value);
    }
}
