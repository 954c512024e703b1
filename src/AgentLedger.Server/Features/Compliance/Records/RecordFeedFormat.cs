namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>The output formats of the record feed.</summary>
public enum RecordFeedFormat
{
    /// <summary>A page: <c>{data, has_more, next_page}</c> of native records.</summary>
    Json = 0,

    /// <summary>Native records, one JSON per line, streamed.</summary>
    Ndjson,

    /// <summary>RFC 4180 CSV with a header row, streamed.</summary>
    Csv,

    /// <summary>OCSF 1.9.0 API Activity (6003) events, one per line, streamed.</summary>
    Ocsf,

    /// <summary>ArcSight CEF lines, streamed.</summary>
    Cef,
}
