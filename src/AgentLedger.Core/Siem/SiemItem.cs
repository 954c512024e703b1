using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Siem;

/// <summary>One item of a destination's source: an activity record or an audit event, with its seq in that source.</summary>
public sealed record SiemItem
{
    private SiemItem(long seq, DateTimeOffset at, ActivityRecord? record, AuditEvent? audit)
    {
        Seq = seq;
        At = at;
        Record = record;
        Audit = audit;
    }

    public long Seq { get; }

    /// <summary>When the item happened (the record's <c>occurred_at</c>, the audit event's time).</summary>
    public DateTimeOffset At { get; }

    public ActivityRecord? Record { get; }

    public AuditEvent? Audit { get; }

    public string Id => Record?.Id ?? Audit!.EventId;

    public static SiemItem Of(ActivityRecord record) => new(record.Seq, record.OccurredAt, record, null);

    public static SiemItem Of(AuditEvent audit) => new(audit.Seq, audit.OccurredAt, null, audit);
}
