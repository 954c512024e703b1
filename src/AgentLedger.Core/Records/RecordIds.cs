namespace AgentLedger.Core.Records;

/// <summary>Time-sortable record ids.</summary>
public static class RecordIds
{
    /// <summary>A UUIDv7 whose timestamp is <paramref name="at"/>, so ids sort by occurrence time.</summary>
    public static string NewId(DateTimeOffset at) => Guid.CreateVersion7(at).ToString("N");
}
