namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>Wire names and media types of <see cref="RecordFeedFormat"/>.</summary>
public static class RecordFeedFormats
{
    public static readonly string[] Names = ["json", "ndjson", "csv", "ocsf", "cef"];

    public static bool TryParse(string? name, out RecordFeedFormat format)
    {
        var index = name is null ? 0 : Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        format = (RecordFeedFormat)Math.Max(index, 0);
        return index >= 0;
    }

    public static string NameOf(RecordFeedFormat format) => Names[(int)format];

    public static string ContentType(RecordFeedFormat format) => format switch
    {
        RecordFeedFormat.Ndjson or RecordFeedFormat.Ocsf => "application/x-ndjson; charset=utf-8",
        RecordFeedFormat.Csv => "text/csv; charset=utf-8",
        RecordFeedFormat.Cef => "text/plain; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
}
