package se.kvalitet.followup.export;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Which indicators and units an export covers ({@code @BeanParam} of the measurement and evaluation exports), documented once. */
public class ExportScopeParams {

    @Parameter(
            description = "Only these indicators: repeat the parameter or separate ids by commas (at most 200); an "
                    + "unknown id is a 400")
    @QueryParam("indicatorId")
    List<String> indicatorId;

    @Parameter(description = "Only this org unit (as published by the process registry; an unknown one is a 400)")
    @QueryParam("orgUnitId")
    String orgUnitId;

    @Parameter(
            description = "With orgUnitId: true also every unit below it (default false)",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    @QueryParam("subtree")
    String subtree;
}
