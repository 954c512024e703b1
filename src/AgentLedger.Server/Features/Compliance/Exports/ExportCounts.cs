using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>What the manifest says about the records of a package; bounded in size whatever the record count.</summary>
public sealed class ExportCounts
{
    public long Records { get; private set; }

    /// <summary>The record count last reported as progress.</summary>
    public long Reported { get; set; }

    public SortedDictionary<string, long> ByKind { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> ByAgent { get; } = new(StringComparer.Ordinal);

    public long FirstSeq { get; private set; }

    public long LastSeq { get; private set; }

    public DateTimeOffset? FirstOccurredAt { get; private set; }

    public DateTimeOffset? LastOccurredAt { get; private set; }

    public void Add(ActivityRecord record)
    {
        Records++;
        FirstSeq = Records == 1 ? record.Seq : FirstSeq;
        LastSeq = record.Seq;
        Increment(ByKind, WireNames.Of(record.Kind));
        Increment(ByAgent, WireNames.Of(record.Agent));
        if (FirstOccurredAt is null || record.OccurredAt < FirstOccurredAt)
        {
            FirstOccurredAt = record.OccurredAt;
        }

        if (LastOccurredAt is null || record.OccurredAt > LastOccurredAt)
        {
            LastOccurredAt = record.OccurredAt;
        }
    }

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
