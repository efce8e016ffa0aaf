package se.kvalitet.report.render;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import se.kvalitet.report.content.ReportContent;

/** The report as one self-contained XHTML page (Qute, charts inline): the HTML output and the PDF's source. */
@ApplicationScoped
public class HtmlRenderer {

    @Inject
    @Location("report.html")
    Template template;

    public String render(ReportContent content, Stamp stamp, boolean forPdf) {
        return render(DocumentView.of(content, stamp, forPdf));
    }

    public String render(DocumentView view) {
        return template.data("doc", view).render();
    }
}
