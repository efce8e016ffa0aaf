package se.kvalitet.followup.export;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import se.kvalitet.followup.format.TableFormat;

/** The table format parameters every export takes ({@code @BeanParam}), documented once. */
public class TableFormatParams {

    @Parameter(
            description = "csv (default) or json",
            schema =
                    @Schema(
                            enumeration = {"csv", "json"},
                            defaultValue = "csv"))
    @QueryParam("format")
    String format;

    @Parameter(
            description = "CSV delimiter (default comma)",
            schema =
                    @Schema(
                            enumeration = {"comma", "semicolon", "tab"},
                            defaultValue = "comma"))
    @QueryParam("delimiter")
    String delimiter;

    @Parameter(
            description = "CSV decimal separator (default point)",
            schema =
                    @Schema(
                            enumeration = {"point", "comma"},
                            defaultValue = "point"))
    @QueryParam("decimal")
    String decimal;

    @Parameter(
            description = "true: start the CSV with a UTF-8 byte order mark (Excel)",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    @QueryParam("bom")
    String bom;

    /** The format asked for; a 400 problem naming the parameter when one is not of its set. */
    TableFormat parse() {
        return TableFormat.parse(format, delimiter, decimal, bom);
    }
}
